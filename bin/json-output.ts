/** JSON for people and programs: infinities and NaN (R's Inf/NA) become null, as JSON has no such numbers. */
export function toJson(value: unknown, indent = 2): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v),
    indent,
  );
}
