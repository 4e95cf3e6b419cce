import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mmmRejectionOf } from "../../tests/support/expect-mmm-error.ts";
import { downloadSharedFile, SLACK_FILES_ORIGIN } from "./slack-file-download.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mmm-download-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const file = (downloadUrl: string, bytes = 100) => ({
  id: "F1",
  name: "weekly.csv",
  bytes,
  downloadUrl,
  sharedIn: {},
});
const options = { token: "xoxb-secret", maxBytes: 1000, allowedOrigins: [SLACK_FILES_ORIGIN] };

describe("downloading a shared file", () => {
  it("never sends the bot token outside Slack's file host", async () => {
    const error = await mmmRejectionOf(
      downloadSharedFile(file("https://files.example.com/F1/weekly.csv"), dir, options),
    );
    expect(error.message).toBe(
      "Slack gave a download address outside https://files.slack.com for weekly.csv, so it was not fetched.",
    );
  });

  it("refuses a file over the limit before downloading it", async () => {
    const error = await mmmRejectionOf(
      downloadSharedFile(
        file(`${SLACK_FILES_ORIGIN}/files-pri/T1-F1/download/weekly.csv`, 5000),
        dir,
        options,
      ),
    );
    expect(error.code).toBe("invalid_input");
    expect(error.message).toMatch(/^weekly.csv is larger than 1,000 bytes, the most one upload may hold/);
  });
});
