/**
 * The role of every column in the data profile, read from the auto-mapping (`core/mapping/`), and the paid
 * channels: each spend with the exposure columns of the same channel (impressions, clicks, …), which are
 * its media-response options. An exposure the auto-mapping set aside because its spend already has one
 * (one exposure per spend is modelled) is still an option, so a person can choose between them.
 */
import type { MappingSuggestion } from "../mapping/mapping-suggestion.ts";
import { channelStem, exposureKindOf, matchName, type ExposureKind } from "../mapping/name-rules.ts";

export const PROFILE_ROLES = [
  "date",
  "goal",
  "secondary_goal",
  "paid_spend",
  "paid_exposure",
  "organic",
  "context",
  "other",
] as const;
export type ProfileRole = (typeof PROFILE_ROLES)[number];

export interface PaidChannel {
  /** The channel's name as the column names give it (`facebook` for facebook_S and facebook_I). */
  readonly channel: string;
  readonly spend: string;
  /** The exposure columns of the channel, the auto-mapping's choice first. */
  readonly exposures: readonly { readonly column: string; readonly kind: ExposureKind }[];
  /** The media response the auto-mapping chose: the spend itself or one of the exposures. */
  readonly chosen: string;
}

export interface ProfileRoles {
  readonly role: ReadonlyMap<string, ProfileRole>;
  readonly channels: readonly PaidChannel[];
  /** Text context variables (Robyn's factor_vars): drivers, but not in VIF. */
  readonly factors: readonly string[];
}

export function profileRoles(suggestion: MappingSuggestion, goal: string): ProfileRoles {
  const { spec } = suggestion;
  const role = new Map<string, ProfileRole>(suggestion.columns.map((c) => [c.column, "other"]));
  const set = (names: readonly (string | undefined)[], r: ProfileRole) => {
    for (const name of names) if (name !== undefined) role.set(name, r);
  };
  set(spec.organic_vars, "organic");
  set(spec.context_vars, "context");
  // Columns the auto-mapping set aside (constant, empty, a second exposure) whose names say paid media:
  // the cleaning guard must see them as the channel's paid variables.
  const setAside = (nameRole: string) =>
    suggestion.columns
      .filter((c) => c.role === "ignore" && c.column !== goal && matchName(c.column)?.role === nameRole)
      .map((c) => c.column);
  const exposuresAside = setAside("paid_media_var");
  const mapped = spec.paid_media_spends.map((spend, i) => ({
    spend,
    chosen: spec.paid_media_vars[i] ?? spend,
  }));
  const spends = [...mapped, ...setAside("paid_media_spend").map((spend) => ({ spend, chosen: spend }))];
  const channels = spends.map(({ spend, chosen }): PaidChannel => {
    const stem = channelStem(spend);
    const others = exposuresAside.filter((c) => c !== chosen && channelStem(c) === stem);
    const exposures = [...(chosen !== spend ? [chosen] : []), ...others];
    set(exposures, "paid_exposure");
    return {
      channel: stem,
      spend,
      exposures: exposures.map((column) => ({ column, kind: exposureKindOf(column) })),
      chosen,
    };
  });
  set(
    spends.map((s) => s.spend),
    "paid_spend",
  );
  set([spec.date_var], "date");
  role.set(goal, "goal");
  return { role, channels, factors: spec.factor_vars.filter((f) => f !== goal) };
}
