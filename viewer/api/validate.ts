/**
 * Request validation with zod: a failure is an `invalid_input` `MmmError` naming the first field (dotted
 * path) and listing every problem; `location` says where the field was (query, path, header: 400; body:
 * 422, see `http-status.ts`).
 */
import type { z } from "zod";
import { MmmError } from "../../common/errors.ts";
import { fieldPath } from "../../core/run-spec.ts";

export type Location = "query" | "path" | "header" | "json" | "body";

export function validate<S extends z.ZodType>(schema: S, value: unknown, location: Location): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    field: fieldPath(issue.path),
    message: issue.message,
  }));
  const text = problems.map((p) => (p.field ? `${p.field} ${p.message}` : p.message)).join("; ");
  throw new MmmError("invalid_input", `The request is not valid: ${text}.`, {
    context: { field: problems[0]?.field || undefined, problems, location },
  });
}
