import { describe, expect, it } from "vitest";
import { isJobName, parseApiEndpoint, parseExecutionName } from "./cloud-run-names.ts";

describe("Cloud Run names", () => {
  it("parses execution resource names and refuses anything else", () => {
    expect(
      parseExecutionName(
        "projects/my-proj/locations/europe-west1/jobs/mmm-trainer-native/executions/mmm-trainer-native-x7k2p",
      ),
    ).toEqual({
      project: "my-proj",
      location: "europe-west1",
      job: "mmm-trainer-native",
      execution: "mmm-trainer-native-x7k2p",
    });
    for (const id of [
      "../../etc/passwd",
      "never-started-0000",
      "projects/p/locations/r/jobs/J/executions/e",
      "projects/p/locations/r/jobs/j/executions/e/../x",
    ]) {
      expect(parseExecutionName(id)).toBeUndefined();
    }
    expect(isJobName("mmm-trainer-robyn")).toBe(true);
    expect(isJobName("Rscript")).toBe(false);
  });

  it("reads the endpoint setting as a host, a host and port, or a URL", () => {
    expect(parseApiEndpoint("run.googleapis.com")).toEqual({ apiEndpoint: "run.googleapis.com" });
    expect(parseApiEndpoint("europe-west1-run.googleapis.com:443")).toEqual({
      apiEndpoint: "europe-west1-run.googleapis.com",
      port: 443,
    });
    expect(parseApiEndpoint("http://127.0.0.1:8123")).toEqual({
      apiEndpoint: "127.0.0.1",
      port: 8123,
      protocol: "http",
    });
  });
});
