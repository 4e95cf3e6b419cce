/**
 * Robyn's convergence report (`robyn_converge`, e.g. "NRMSE NOT converged: sd@qt.20 0.01 > 0.0072 &
 * |med@qt.20| 0.048 <= 0.12") in plain words, with what to try when the search has not settled. Both
 * engines write Robyn's message into `model_summary.json`; this reads its two tests back from the message
 * so the same words serve runs of either engine, and keeps the message itself for people who know it.
 *
 * Robyn's rule per objective: the search has settled when, in the last twentieth of the iterations, the
 * models' spread is below the spread of the first ones and their median has dropped by at least two of
 * those spreads.
 */

export interface ConvergenceNote {
  readonly objective: string;
  readonly converged: boolean;
  readonly message: string;
}

export interface ConvergenceReading {
  /** One plain sentence per objective. */
  readonly lines: readonly { readonly converged: boolean; readonly text: string; readonly robyn: string }[];
  /** What to try, when any objective has not settled. */
  readonly advice?: string;
}

const PLAIN_NAMES: Readonly<Record<string, string>> = {
  NRMSE: "Prediction error (NRMSE)",
  "DECOMP.RSSD": "Gap between effect and spend shares (DECOMP.RSSD)",
  MAPE: "Distance to the lift studies (MAPE.LIFT)",
};

const TESTS = /sd@qt\.\d+\s+(\S+)\s+(<=|>)\s+(\S+)\s*&\s*\|med@qt\.\d+\|\s+(\S+)\s+(<=|>)\s+(\S+)/;

export function readConvergence(
  notes: readonly ConvergenceNote[],
  search: { readonly iterations?: number; readonly trials?: number },
): ConvergenceReading {
  const lines = notes.map((note) => ({
    converged: note.converged,
    text: plainSentence(note),
    robyn: note.message,
  }));
  if (notes.every((n) => n.converged)) return { lines };
  const now =
    search.iterations !== undefined && search.trials !== undefined
      ? ` (now ${search.iterations} iterations × ${search.trials} trials)`
      : "";
  return {
    lines,
    advice:
      `What to try: train again with more iterations or trials${now}, for example twice the iterations; ` +
      "or narrow the hyperparameter ranges (alphas, gammas, thetas or shapes and scales) around the values " +
      "of the Pareto models, which the model pages show. The models found so far can still be used, with " +
      "more caution.",
  };
}

function plainSentence(note: ConvergenceNote): string {
  const name = PLAIN_NAMES[note.objective] ?? note.objective;
  if (note.converged) {
    return `${name} settled: the last models of the search vary less than the first ones and are clearly better.`;
  }
  const tests = TESTS.exec(note.message);
  if (!tests) return `${name} has not settled: the search was still finding different models at its end.`;
  const [, lastSpread, spreadOp, firstSpread, lastMedian, medianOp, threshold] = tests;
  const reasons = [
    spreadOp === ">" &&
      `the last models still vary as much as the first ones (spread ${lastSpread} against ${firstSpread} at the start)`,
    medianOp === ">" &&
      `the last models are not clearly better than the first ones (typical value ${lastMedian}, needed at most ${threshold})`,
  ].filter((reason): reason is string => typeof reason === "string");
  return `${name} has not settled: ${reasons.join(", and ") || "the search was still moving at its end"}.`;
}
