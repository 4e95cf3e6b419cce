/**
 * The one way tests expect an `MmmError`: the error a call throws (or a promise rejects with), checked to
 * be an `MmmError`, optionally of a code and about a field. Anything else (success, another error) fails
 * the test with what happened instead.
 */
import { expect } from "vitest";
import { isMmmError, type ErrorCode, type MmmError } from "../../common/errors.ts";

/** The `MmmError` that `run` throws. */
export function mmmErrorOf(run: () => unknown): MmmError {
  try {
    run();
  } catch (error) {
    return asMmmError(error);
  }
  throw new Error("expected an MmmError, but the call succeeded");
}

/** The `MmmError` that `call` rejects with. */
export async function mmmRejectionOf(call: Promise<unknown>): Promise<MmmError> {
  try {
    await call;
  } catch (error) {
    return asMmmError(error);
  }
  throw new Error("expected an MmmError, but the call succeeded");
}

/** Awaits a call that must fail with an `MmmError` of `code` (and about `field`, when given). */
export async function expectMmmError(
  call: Promise<unknown>,
  code: ErrorCode,
  field?: string,
): Promise<MmmError> {
  return checked(await mmmRejectionOf(call), code, field);
}

/** A synchronous call that must throw `invalid_input` about `field`. */
export function expectInvalidInput(run: () => unknown, field: string): MmmError {
  return checked(mmmErrorOf(run), "invalid_input", field);
}

function checked(error: MmmError, code: ErrorCode, field: string | undefined): MmmError {
  expect(error.code, error.message).toBe(code);
  if (field !== undefined) expect(error.field, error.message).toBe(field);
  return error;
}

function asMmmError(error: unknown): MmmError {
  if (isMmmError(error)) return error;
  throw new Error(`expected an MmmError, got ${String(error)}`, { cause: error });
}
