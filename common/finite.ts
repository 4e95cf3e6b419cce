/** The value when it is a finite number, else null: what outputs hold where a number is undefined. */
export function finiteOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
