/**
 * Refreshes on a run page: the lineage strip (the runs this one refreshes, oldest first), what changed
 * (the sentences of `output/refresh_report.json`), and the "Refresh with new data" form, which refreshes
 * the run's best model on its data source read again.
 */
import type { FC } from "hono/jsx";
import type { SessionData } from "../../viewer-env.ts";
import { CsrfField } from "./csrf-field.tsx";

export interface RefreshView {
  /** Ancestors, oldest first; empty for an initial model. */
  lineage: readonly { run: string; model: string }[];
  /** The refresh report's sentences, for a refresh run that has succeeded. */
  changes?: readonly string[];
  /** The form is offered: a succeeded run the app can read new data for, and a visitor with full access. */
  canRefresh: boolean;
  bestModel?: string;
  /** The chained report is offered: a succeeded run and a visitor with full access. */
  chainReport: boolean;
}

export const RefreshCard: FC<{ runId: string; view: RefreshView; session?: SessionData }> = ({
  runId,
  view,
  session,
}) => {
  if (view.lineage.length === 0 && !view.changes && !(view.canRefresh && session)) return null;
  return (
    <section class="card" id="refresh">
      <h2>Refreshes</h2>
      {view.lineage.length > 0 && (
        <ol class="lineage" aria-label="Refresh lineage">
          {view.lineage.map((link) => (
            <li>
              <a href={`/runs/${link.run}/models/${link.model}`}>
                {link.run} · {link.model}
              </a>
            </li>
          ))}
          <li aria-current="page">this run</li>
        </ol>
      )}
      {view.lineage.length > 0 && view.chainReport && (
        <p>
          <a href={`/runs/${runId}/refresh-chain`}>Chained report</a>: actual vs fitted, effect shares and
          ROAS across every refresh.
        </p>
      )}
      {view.changes && (
        <ul class="refresh-changes">
          {view.changes.map((sentence) => (
            <li>{sentence}</li>
          ))}
        </ul>
      )}
      {view.canRefresh && session && (
        <form class="inline" method="post" action={`/runs/${runId}/refresh`}>
          <CsrfField session={session} />
          {view.bestModel && <input type="hidden" name="model" value={view.bestModel} />}
          <button type="submit" data-action="refresh">
            Refresh with new data
          </button>
          <span class="note">
            Reads the run's data source again, moves the window forward 4 periods and keeps the
            hyperparameters near this run's best model (Robyn's refresh).
          </span>
        </form>
      )}
    </section>
  );
};
