/**
 * The traffic-light bands of the data profile's numbers, as the replaced product's preparation page drew
 * them (seed inventory §1.4), in words an API reader can act on: `ok`, `warning`, `problem`.
 *
 * - VIF: ok below 5, warning from 5 to below 10, problem from 10 (and for ∞, an exact linear dependency).
 * - Condition number of the regressors' correlation matrix: ok below 10, warning from 10 to 30, problem
 *   above 30.
 * - Driver ratio (rows per driver; Robyn's rule of thumb is 10 rows per variable): ok from 10, warning from
 *   5 to below 10, problem below 5.
 */
import { conditionBand, vifBand } from "../../engine/stats/collinearity.ts";

export type Band = "ok" | "warning" | "problem";

const WORDS = { green: "ok", amber: "warning", red: "problem" } as const;

export function vifBandOf(vif: number): Band {
  return WORDS[vifBand(vif)];
}

export function conditionNumberBand(kappa: number): Band {
  return WORDS[conditionBand(kappa)];
}

export function driverRatioBand(ratio: number): Band {
  return ratio >= 10 ? "ok" : ratio >= 5 ? "warning" : "problem";
}
