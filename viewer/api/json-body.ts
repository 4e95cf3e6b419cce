/** A request's JSON body, or an `invalid_input` about `body` saying what to send. */
import { invalidInput } from "../../common/errors.ts";

export async function jsonBody(request: { json(): Promise<unknown> }, expected: string): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw invalidInput(
      "body",
      `The body is not JSON: send ${expected} as a JSON object (Content-Type: application/json).`,
      { location: "json" },
    );
  }
}
