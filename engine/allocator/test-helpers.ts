/** Helpers shared by the allocator tests. */
import { isMmmError, type MmmError } from "../../common/errors.ts";

/** The `MmmError` that `run` throws; any other outcome fails the test. */
export function errorOf(run: () => unknown): MmmError {
  try {
    run();
  } catch (error) {
    if (isMmmError(error)) return error;
    throw error;
  }
  throw new Error("expected an MmmError");
}
