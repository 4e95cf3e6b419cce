/**
 * Effect share far from spend share in every Pareto model. DECOMP.RSSD pulls effect shares towards spend
 * shares; a channel that stays far off in every model of the run is a consistent verdict of the data, and
 * the one a budget decision will hinge on, so it deserves an experiment before money moves.
 */
import { formatPercent } from "../../report/format.ts";
import type { HealthCheck } from "../health-finding.ts";

/** Gap between effect share and spend share (absolute, in share points) that every model must exceed. */
const GAP = 0.15;

export const effectSpendCheck: HealthCheck = ({ model, pareto_models }) => {
  if (pareto_models.length === 0) return [];
  const paid = model.variables.filter((v) => v.role === "paid" && v.spend_share !== null);
  const flagged = paid.flatMap((channel) => {
    const gaps = pareto_models.map((m) => {
      const v = m.variables.find((other) => other.name === channel.name);
      return v?.effect_share == null || v.spend_share === null ? 0 : v.effect_share - v.spend_share;
    });
    const above = gaps.every((g) => g > GAP);
    const below = gaps.every((g) => g < -GAP);
    return above || below ? [{ channel, above }] : [];
  });
  if (flagged.length === 0) {
    return [
      {
        check: "effect_vs_spend",
        level: "ok",
        message: `No channel's effect share is far from its spend share in all ${pareto_models.length} Pareto models.`,
      },
    ];
  }
  return flagged.map(({ channel, above }) => ({
    check: "effect_vs_spend",
    level: "warning" as const,
    message:
      `${channel.name} takes ${formatPercent(channel.spend_share!, 0)} of the spend but ` +
      `${formatPercent(channel.effect_share ?? 0, 0)} of the media effect here, and is ${above ? "above" : "below"} ` +
      `its spend share by more than ${formatPercent(GAP, 0)} in every one of the ${pareto_models.length} Pareto ` +
      `models. A budget shift ${above ? "towards" : "away from"} it would rest on this: confirm it with a lift study first.`,
  }));
};
