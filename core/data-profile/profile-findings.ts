/**
 * The worst of a data profile in sentences, problems first, for the Slack source step and the API: what the
 * cleaning would drop and what its guard kept, VIF problems and identical columns, the condition number and
 * the driver ratio outside their ok band, VIF warnings, and paid variables that move against the goal.
 */
import type { DataProfile, ProfileFinding } from "./data-profile.ts";

export function profileFindings(profile: Omit<DataProfile, "findings">): ProfileFinding[] {
  const problems: ProfileFinding[] = [];
  const warnings: ProfileFinding[] = [];
  for (const c of profile.cleaning) {
    if (c.action === "keep")
      problems.push({ level: "problem", column: c.column, message: `${c.column}: ${c.reason}` });
    else warnings.push({ level: "warning", column: c.column, message: `${c.column}: drop, ${c.reason}.` });
  }
  for (const [a, b] of profile.identical_columns) {
    problems.push({
      level: "problem",
      column: b,
      message: `${a} and ${b} are practically the same column (|correlation| ≥ 0.9999): keep one.`,
    });
  }
  const bad = profile.vif.filter((v) => v.band === "problem").sort((a, b) => b.vif - a.vif);
  for (const v of bad) {
    problems.push({
      level: "problem",
      column: v.column,
      message: `VIF of ${v.column} is ${number(v.vif)} (10 or more: it is largely explained by the other regressors).`,
    });
  }
  if (profile.condition_band !== null && profile.condition_band !== "ok") {
    (profile.condition_band === "problem" ? problems : warnings).push({
      level: profile.condition_band,
      message: `Condition number ${number(profile.condition_number!)} (${profile.condition_band === "problem" ? "above 30" : "10 to 30"}): the regressors are collinear.`,
    });
  }
  const { driver_ratio: d } = profile;
  if (d.band !== null && d.band !== "ok") {
    (d.band === "problem" ? problems : warnings).push({
      level: d.band,
      message: `Driver ratio ${number(d.ratio!)}: ${d.observations} rows for ${d.drivers} drivers (10 or more rows per driver is ok).`,
    });
  }
  for (const v of profile.vif.filter((v) => v.band === "warning")) {
    warnings.push({
      level: "warning",
      column: v.column,
      message: `VIF of ${v.column} is ${number(v.vif)} (5 to 10).`,
    });
  }
  for (const c of profile.columns) {
    if ((c.role === "paid_spend" || c.role === "paid_exposure") && c.spearman != null && c.spearman < 0) {
      warnings.push({
        level: "warning",
        column: c.name,
        message: `${c.name} moves against ${profile.goal} (Spearman ρ ${number(c.spearman)}).`,
      });
    }
  }
  return [...problems, ...warnings];
}

function number(value: number): string {
  if (!Number.isFinite(value)) return "∞";
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}
