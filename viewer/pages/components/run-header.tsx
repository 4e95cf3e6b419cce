/** The top of every run page: id, market, status, who started it and when, and the run's sub-pages. */
import type { FC } from "hono/jsx";
import type { Run } from "../../../core/run.ts";
import { formatCost } from "../../../core/results/run-cost.ts";
import { runSource } from "../../../core/run-source.ts";
import { duration, when } from "../format.ts";
import { actorName } from "../run-best-model.ts";
import { StatusBadge } from "./status-badge.tsx";

/** `runLinks` false: the visitor holds a link to one model only, so the run's own pages are not offered. */
export const RunHeader: FC<{
  run: Run;
  current: "run" | "data" | "model";
  full: boolean;
  runLinks?: boolean;
}> = ({ run, current, full, runLinks = true }) => (
  <header class="page-head">
    <p class="crumbs">
      {full && <a href="/runs">Runs</a>}
      {full && " / "}
      {runLinks ? <a href={`/runs/${run.id}`}>{run.id}</a> : run.id}
    </p>
    <h1>
      {run.country} · {run.tag ?? run.spec.dep_var} <StatusBadge run={run} />
    </h1>
    <p class="sub">
      Started by {actorName(run.createdBy)} on {when(run.createdAt)}
      {run.finishedAt && ` · finished ${when(run.finishedAt)}`}
      {run.resources && ` · ${duration(run.resources.wallSeconds)} of training`}
      {run.resources?.estimatedCostUsd !== undefined &&
        ` · about ${formatCost(run.resources.estimatedCostUsd)} on Cloud Run`}
    </p>
    {runLinks && (
      <nav class="tabs">
        <a href={`/runs/${run.id}`} aria-current={current === "run" ? "page" : undefined}>
          Results
        </a>
        <a href={`/runs/${run.id}/data`} aria-current={current === "data" ? "page" : undefined}>
          Data
        </a>
        {full && <a href={marketPageHref(run, "best")}>Best for {run.country}</a>}
        {full && <a href={marketPageHref(run, "stability")}>Stability</a>}
      </nav>
    )}
  </header>
);

/** The run's market page for the run's own data source. */
function marketPageHref(run: Run, page: "best" | "stability"): string {
  const source = encodeURIComponent(runSource(run.spec).key);
  return `/countries/${encodeURIComponent(run.country)}/${page}?source=${source}`;
}
