/**
 * The runs list: filters (country, status, who, dates), one row per run with its status (live while it
 * trains: `client/live-status.js` polls `/runs/status.json`), settings, and its best model's fit with
 * traffic lights; tick runs to compare their best models.
 * A page component is one JSX template that reads top to bottom like the page, hence its length.
 */
import type { FC } from "hono/jsx";
import { RUN_STATUSES, type Run } from "../../core/run.ts";
import { StatusBadge } from "./components/status-badge.tsx";
import { Metric, ThresholdNote } from "./components/traffic-light.tsx";
import { when } from "./format.ts";
import { actorName, bestModelOf } from "./run-best-model.ts";

export interface RunsFilter {
  readonly country?: string;
  readonly status?: string;
  readonly by?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface RunsPageProps {
  readonly runs: readonly Run[];
  readonly filter: RunsFilter;
  readonly nextCursor?: string;
  readonly countries: readonly string[];
  readonly people: readonly { id: string; name: string }[];
}

export const RunsPage: FC<RunsPageProps> = ({ runs, filter, nextCursor, countries, people }) => {
  const next = new URLSearchParams(
    Object.entries({ ...filter, cursor: nextCursor }).filter(
      (e): e is [string, string] => typeof e[1] === "string" && e[1] !== "",
    ),
  );
  return (
    <>
      <h1>Runs</h1>
      <p class="note">
        <a href="/runs/import-robyn">Import a Robyn model</a> (a <code>RobynModel-&lt;solID&gt;.json</code>{" "}
        from <code>robyn_write()</code>)
      </p>
      <form class="filters" method="get" action="/runs">
        <label>
          Country
          <select name="country">
            <option value="">all</option>
            {countries.map((c) => (
              <option value={c} selected={filter.country === c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select name="status">
            <option value="">all</option>
            {RUN_STATUSES.map((s) => (
              <option value={s} selected={filter.status === s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Who
          <select name="by">
            <option value="">anyone</option>
            {people.map((p) => (
              <option value={p.id} selected={filter.by === p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" name="from" value={filter.from ?? ""} />
        </label>
        <label>
          To
          <input type="date" name="to" value={filter.to ?? ""} />
        </label>
        <button type="submit">Filter</button>
      </form>
      {runs.length === 0 ? (
        <p class="card">
          No runs match. Start one from Slack with <code>/mmm</code>, or with <code>POST /api/runs</code>.
        </p>
      ) : (
        <form method="get" action="/compare">
          <div class="table-wrap">
            <table class="runs">
              <thead>
                <tr>
                  <th>
                    <span class="sr-only">Compare</span>
                  </th>
                  <th>Run</th>
                  <th>Country</th>
                  <th>Status</th>
                  <th>Started by</th>
                  <th>Settings</th>
                  <th>Best model</th>
                  <th>Adj. R²</th>
                  <th>NRMSE</th>
                  <th>DECOMP.RSSD</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <RunRow run={run} />
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <button type="submit">Compare the ticked runs' best models</button>
          </p>
        </form>
      )}
      {nextCursor && (
        <p>
          <a href={`/runs?${next.toString()}`}>Older runs →</a>
        </p>
      )}
      <ThresholdNote />
    </>
  );
};

const RunRow: FC<{ run: Run }> = ({ run }) => {
  const best = bestModelOf(run);
  return (
    <tr>
      <td>{best && <input type="checkbox" name="run" value={run.id} aria-label={`compare ${run.id}`} />}</td>
      <td>
        <a href={`/runs/${run.id}`}>{run.id}</a>
        {run.tag && <span class="tag">{run.tag}</span>}
        <div class="sub">{when(run.createdAt)}</div>
      </td>
      <td>{run.country.toUpperCase()}</td>
      <td>
        <StatusBadge run={run} />
      </td>
      <td>{actorName(run.createdBy)}</td>
      <td>
        {run.spec.engine}, {run.spec.iterations} × {run.spec.trials}
      </td>
      <td>{best ? <a href={`/runs/${run.id}/models/${best.model_id}`}>{best.model_id}</a> : "–"}</td>
      <td>
        <Metric metric="rsq" value={best?.rsq_train} />
      </td>
      <td>
        <Metric metric="nrmse" value={best?.nrmse} />
      </td>
      <td>
        <Metric metric="decomp.rssd" value={best?.decomp_rssd} />
      </td>
    </tr>
  );
};
