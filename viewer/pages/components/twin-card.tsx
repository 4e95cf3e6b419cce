/**
 * The model page's known-truth twin card: what the twin answers, a button that starts it (signed-in or
 * local visitors with full access), and where the last one stands with a link to its page.
 */
import type { FC } from "hono/jsx";
import type { TwinJobState } from "../../../core/results/twin-jobs.ts";
import type { SessionData } from "../../viewer-env.ts";
import { pct } from "../format.ts";
import { CsrfField } from "./csrf-field.tsx";

export const TwinCard: FC<{
  runId: string;
  solID: string;
  twin?: TwinJobState | undefined;
  session?: SessionData | undefined;
}> = ({ runId, solID, twin, session }) => {
  const page = `/runs/${runId}/models/${solID}/twin`;
  return (
    <section class="card" id="twin">
      <h2>Can this setup identify my channels?</h2>
      <p class="note">
        The known-truth twin simulates data shaped like this run's (its spend, this model's parameters as the
        truth, its residual noise), trains it with the same settings, and checks how close the recommended
        model comes to the true ROI of each channel and whether its intervals hold it.
      </p>
      {twin && (
        <p data-twin-state={twin.status}>
          {twin.status === "running"
            ? "A twin of this model is training. "
            : twin.status === "succeeded"
              ? `Last twin: ${twin.report?.median_error == null ? "no ROI to compare" : `median error ${pct(twin.report.median_error, 0)}`}${twin.report?.coverage == null ? "" : `, intervals hold the truth for ${pct(twin.report.coverage, 0)} of the channels`}. `
              : "The last twin failed. "}
          <a href={page}>Open the twin</a>
        </p>
      )}
      {session && twin?.status !== "running" && (
        <form method="post" action={page}>
          <CsrfField session={session} />
          <button type="submit" data-action="twin">
            {twin ? "Run the twin again" : "Run the known-truth twin"}
          </button>
        </form>
      )}
    </section>
  );
};
