/** Contract-suite helper: awaits a call that must fail with an `MmmError` of a given code (and field). */
import { expect } from "vitest";
import { isMmmError, type ErrorCode, type MmmError } from "../../common/errors.ts";

export async function expectMmmError(
  call: Promise<unknown>,
  code: ErrorCode,
  field?: string,
): Promise<MmmError> {
  let caught: unknown;
  try {
    await call;
  } catch (error) {
    caught = error;
  }
  if (caught === undefined) throw new Error(`expected an MmmError with code ${code}, but the call succeeded`);
  if (!isMmmError(caught)) throw new Error(`expected an MmmError, got ${String(caught)}`, { cause: caught });
  expect(caught.code, caught.message).toBe(code);
  if (field !== undefined) expect(caught.field, caught.message).toBe(field);
  return caught;
}
