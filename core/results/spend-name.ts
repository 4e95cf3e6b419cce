/**
 * A paid channel named by its modelled (exposure) column, as Robyn's allocator and response outputs name
 * it (`facebook_I`), by its spend column instead (`facebook_S`): the name people gave the money, which is
 * what the allocator's figures are. Names that are not exposure columns come back unchanged.
 */
import type { RunSpec } from "../run-spec.ts";

export function spendNameOf(
  name: string,
  spec: Pick<RunSpec, "paid_media_spends" | "paid_media_vars">,
): string {
  const index = (spec.paid_media_vars ?? []).indexOf(name);
  return index >= 0 ? (spec.paid_media_spends[index] ?? name) : name;
}
