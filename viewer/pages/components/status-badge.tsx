/** A run's status, with a progress bar while it trains (updated live by `client/live-status.js`). */
import type { FC } from "hono/jsx";
import type { Run } from "../../../core/run.ts";

export const StatusBadge: FC<{ run: Run }> = ({ run }) => {
  const progress = run.progress;
  return (
    <span class="status" data-live-run={run.id} data-status={run.status}>
      <span class={`badge status-${run.status}`} data-role="status">
        {run.status}
      </span>
      {!isFinal(run) && (
        <progress
          data-role="progress"
          max={progress && progress.total > 0 ? progress.total : 1}
          value={progress?.done ?? 0}
          title={progress ? `${progress.done} of ${progress.total} models (${progress.phase})` : "waiting"}
        />
      )}
    </span>
  );
};

function isFinal(run: Run): boolean {
  return run.status === "succeeded" || run.status === "failed" || run.status === "cancelled";
}
