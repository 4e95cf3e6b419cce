/**
 * One error class for everything the product reports to a person.
 *
 * `code` is a closed set so that HTTP statuses, Slack messages and exit codes can be derived from it;
 * `message` is written for the marketer who will read it (name the field or column, say what to do);
 * `context` carries the machine-readable details (field, column, limits) for APIs and logs.
 */
export type ErrorCode =
  | "invalid_input" // the request, spec or data is wrong: the user must change something
  | "not_found"
  | "conflict" // the state does not allow this (e.g. cancelling a finished run)
  | "unauthorized"
  | "forbidden"
  | "rate_limited"
  | "unsupported_media_type" // the body is not in a format this endpoint takes (e.g. not JSON)
  | "unavailable" // an outside system failed; trying again may help
  | "internal";

export interface ErrorContext {
  /** The spec field, form field or data column the error is about, e.g. `hyperparameters.tv_S_alphas`. */
  field?: string;
  [key: string]: unknown;
}

export class MmmError extends Error {
  override readonly name = "MmmError";
  readonly code: ErrorCode;
  readonly context: ErrorContext;
  /** Whether the same call may succeed later without a change by the user. */
  readonly retry: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    options: { context?: ErrorContext; cause?: unknown; retry?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.context = options.context ?? {};
    this.retry = options.retry ?? code === "unavailable";
  }

  get field(): string | undefined {
    return this.context.field;
  }
}

/** Shorthand for the most common case: bad input about one field or column. */
export function invalidInput(field: string, message: string, context: ErrorContext = {}): MmmError {
  return new MmmError("invalid_input", message, { context: { ...context, field } });
}

export function isMmmError(error: unknown): error is MmmError {
  return error instanceof MmmError;
}
