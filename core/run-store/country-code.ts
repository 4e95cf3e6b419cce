/** Country codes as the run store keys picks and mappings: two letters, upper-case. */
import { invalidInput } from "../../common/errors.ts";

/** `de` → `DE`; anything but two letters is `invalid_input` (field `country`). */
export function countryCode(country: string): string {
  const code = typeof country === "string" ? country.trim().toUpperCase() : "";
  if (!/^[A-Z]{2}$/.test(code)) {
    throw invalidInput("country", `${String(country)} is not a two-letter country code such as DE or US.`);
  }
  return code;
}
