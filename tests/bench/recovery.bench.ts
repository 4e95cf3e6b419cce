/**
 * Recovery of known channel ROI (issue 13): each simulated scenario (`engine/simulate/`), with and without
 * three lift studies, trained by the native engine with Robyn's default budget (2000 iterations x 5
 * trials) over several simulation seeds. Reported per scenario: the median |ROI error| of the recommended
 * model (`model_summary.json` `recommended`) and of Robyn's pick (`best_model`), the share of channels
 * whose true ROI lies inside the recommended interval, and the interval's median width relative to the ROI.
 */
import { parseRunSpec } from "../../core/run-spec.ts";
import { buildModelSummary } from "../../engine/outputs/model-summary.ts";
import { trainModels } from "../../engine/pipeline/train-models.ts";
import { nativeProphet } from "../../engine/prophet/native-prophet.ts";
import {
  SIMULATION_SCENARIOS,
  simulateMmmData,
  type SimulationScenario,
} from "../../engine/simulate/simulate-mmm.ts";

export const RECOVERY_SEEDS = [1, 2, 3, 4, 5];
const LIFT_STUDIES = 3;

export interface RecoveryRow {
  scenario: SimulationScenario;
  liftStudies: number;
  /** Medians over every channel of every seed. */
  recommendedError: number;
  robynError: number;
  /** Share of channels whose truth lies in [roi_low, roi_high]; the same over channels with a lift study. */
  coverage: number;
  identifiedCoverage: number | null;
  /** Median (roi_high − roi_low) / roi. */
  width: number;
  identifiedWidth: number | null;
}

export async function benchRecovery(seeds = RECOVERY_SEEDS): Promise<RecoveryRow[]> {
  const rows: RecoveryRow[] = [];
  for (const scenario of SIMULATION_SCENARIOS) {
    for (const liftStudies of [0, LIFT_STUDIES]) {
      const recommended: number[] = [];
      const robyn: number[] = [];
      const covered: boolean[] = [];
      const widths: number[] = [];
      const identifiedCovered: boolean[] = [];
      const identifiedWidths: number[] = [];
      for (const seed of seeds) {
        const data = simulateMmmData(scenario, { seed, liftStudies });
        const settings = parseRunSpec({
          country: "US",
          date_var: data.date_var,
          dep_var: data.dep_var,
          dep_var_type: "revenue",
          paid_media_spends: data.paid_media_spends,
          context_vars: data.context_vars,
          prophet_vars: ["trend", "season"],
          adstock: "geometric",
          iterations: 2000,
          trials: 5,
          seed,
          calibration_input: data.calibration_input,
        });
        const result = await trainModels(data.table, settings, { workers: 1, prophet: nativeProphet });
        const summary = buildModelSummary(result, settings, "bench", new Date());
        for (const truth of data.truth.channels) {
          const pick = summary.recommended?.channels.find((c) => c.channel === truth.channel);
          const best = summary.best_model.channels.find((c) => c.channel === truth.channel);
          if (!pick || pick.roi === null || pick.roi_low === null || pick.roi_high === null || !best) {
            throw new Error(`recovery: no ROI for ${truth.channel} in ${scenario}, seed ${seed}`);
          }
          recommended.push(Math.abs(pick.roi / truth.roi - 1));
          robyn.push(Math.abs((best.roi_total ?? 0) / truth.roi - 1));
          const inside = truth.roi >= pick.roi_low && truth.roi <= pick.roi_high;
          // A channel the model dropped (ROI 0) has no relative width: it counts as unbounded.
          const width = pick.roi > 0 ? (pick.roi_high - pick.roi_low) / pick.roi : Number.POSITIVE_INFINITY;
          covered.push(inside);
          widths.push(width);
          if (pick.identified) {
            identifiedCovered.push(inside);
            identifiedWidths.push(width);
          }
        }
      }
      rows.push({
        scenario,
        liftStudies,
        recommendedError: median(recommended),
        robynError: median(robyn),
        coverage: share(covered),
        identifiedCoverage: identifiedCovered.length > 0 ? share(identifiedCovered) : null,
        width: median(widths),
        identifiedWidth: identifiedWidths.length > 0 ? median(identifiedWidths) : null,
      });
    }
  }
  return rows;
}

export function recoveryRows(rows: readonly RecoveryRow[]): [string, string][] {
  const percent = (x: number | null) => (x === null ? "–" : `${Math.round(100 * x)}%`);
  const lines: [string, string][] = rows.map((r) => [
    `${r.scenario}, ${r.liftStudies === 0 ? "no lift studies" : `${r.liftStudies} lift studies`}`,
    `|ROI error| recommended ${percent(r.recommendedError)}, Robyn's pick ${percent(r.robynError)}; ` +
      `80% interval covers ${percent(r.coverage)} (width ${percent(r.width)})` +
      (r.identifiedCoverage === null
        ? ""
        : `, channels with a study ${percent(r.identifiedCoverage)} (width ${percent(r.identifiedWidth)})`),
  ]);
  const calibrated = rows.filter((r) => r.liftStudies > 0);
  lines.push([
    "calibrated: median of scenario medians, worst (target ≤ 20%, none > 30%)",
    `${percent(median(calibrated.map((r) => r.recommendedError)))}, ` +
      `${percent(Math.max(...calibrated.map((r) => r.recommendedError)))}`,
  ]);
  return lines;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

function share(values: readonly boolean[]): number {
  return values.filter(Boolean).length / values.length;
}
