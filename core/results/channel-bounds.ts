/**
 * Per-channel allocator bounds by channel name (issue "Decisions", item 4: per-channel bounds in the API and the
 * forms). Robyn takes `channel_constr_low` / `channel_constr_up` as one number or a vector in
 * `paid_media_selected` order; people and JSON bodies name the channels instead. A channel may be named by its
 * spend column or by its modelled (exposure) column, as in a response query; channels left out keep the run's
 * allocator setting, else the scenario's default.
 */
import { invalidInput } from "../../common/errors.ts";

/** One multiple for every channel, one per channel in the model's order, or some channels by name. */
export type ChannelBoundsInput = number | readonly number[] | Readonly<Record<string, number>>;

/** A paid channel as the allocator names it, with the other names people may use for it. */
export interface NamedChannel {
  /** The modelled column (Robyn's `paid_media_selected`): the allocator's row name. */
  name: string;
  spendName?: string | null | undefined;
  exposureName?: string | null | undefined;
}

/**
 * The bounds in the engine's form (a number or an array in `channels` order). A record is completed from
 * `fallback` (the run's setting: a number or an array in the same order) or `scenarioDefault`.
 */
export function boundsInChannelOrder(
  value: ChannelBoundsInput,
  channels: readonly NamedChannel[],
  field: "channel_constr_low" | "channel_constr_up",
  fallback: number | readonly number[] | undefined,
  scenarioDefault: number,
): number | number[] {
  if (typeof value === "number" || Array.isArray(value)) return value as number | number[];
  const named = value as Readonly<Record<string, number>>;
  const indexOf = (key: string) =>
    channels.findIndex((c) => key === c.name || key === c.spendName || key === c.exposureName);
  for (const key of Object.keys(named)) {
    if (indexOf(key) < 0) {
      const known = channels.map((c) => c.spendName ?? c.name).join(", ");
      throw invalidInput(
        `${field}.${key}`,
        `${field} names "${key}", which is not a paid channel of this model: use one of ${known}.`,
        { channel: key },
      );
    }
  }
  return channels.map((_, i) => {
    const given = Object.keys(named).find((key) => indexOf(key) === i);
    if (given !== undefined) return named[given]!;
    if (fallback === undefined) return scenarioDefault;
    return typeof fallback === "number" ? fallback : (fallback[i] ?? scenarioDefault);
  });
}

/**
 * A form's bounds: a value for every channel and values for some channels, which win. Without any per-channel
 * value the shared one is passed as is; with some, the shared one fills the other channels (else they keep
 * the run's setting or the default).
 */
export function formBounds(
  shared: number | undefined,
  own: Readonly<Record<string, number>>,
  channels: readonly string[],
): ChannelBoundsInput | undefined {
  if (Object.keys(own).length === 0) return shared;
  const byChannel: Record<string, number> = { ...own };
  if (shared !== undefined) for (const channel of channels) byChannel[channel] ??= shared;
  return byChannel;
}
