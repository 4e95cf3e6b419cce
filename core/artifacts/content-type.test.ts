import { expect, it } from "vitest";
import { contentTypeOf } from "./content-type.ts";

it("derives the content type from the extension, case-insensitively", () => {
  expect(contentTypeOf("runs/x/output/model_summary.json")).toBe("application/json");
  expect(contentTypeOf("runs/x/output/onepagers/1_2_3.PNG")).toBe("image/png");
  expect(contentTypeOf("runs/x/input.csv")).toBe("text/csv; charset=utf-8");
  expect(contentTypeOf("runs/x/README")).toBe("application/octet-stream");
  expect(contentTypeOf("runs/x.y/file")).toBe("application/octet-stream");
});
