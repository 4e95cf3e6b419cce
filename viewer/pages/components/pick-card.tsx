/** "Pick as best" for the country, with a note; shows the current pick and who made it. */
import type { FC } from "hono/jsx";
import type { BestModelPick } from "../../../core/run-store/port.ts";
import type { SessionData } from "../../viewer-env.ts";
import { when } from "../format.ts";
import { actorName } from "../run-best-model.ts";
import { CsrfField } from "./csrf-field.tsx";

export const PickCard: FC<{
  runId: string;
  solID: string;
  country: string;
  current?: BestModelPick;
  session?: SessionData;
}> = ({ runId, solID, country, current, session }) => {
  const isCurrent = current?.runId === runId && current.solID === solID;
  return (
    <section class="card" id="pick">
      <h2>Best model for {country}</h2>
      {current ? (
        <p class={isCurrent ? "ok" : undefined}>
          {isCurrent
            ? "This model is the current pick"
            : `Current pick: ${current.solID} of run ${current.runId}`}
          , by {actorName(current.by)} on {when(current.at)}
          {current.note ? `: “${current.note}”` : "."}
        </p>
      ) : (
        <p class="note">No model has been picked for {country} yet.</p>
      )}
      {session && !isCurrent && (
        <form class="stack" method="post" action={`/runs/${runId}/models/${solID}/pick`}>
          <CsrfField session={session} />
          <label>
            Why this model (kept with the pick)
            <textarea name="note" rows={2} maxlength={500}></textarea>
          </label>
          <button type="submit" data-action="pick">
            Pick as best for {country}
          </button>
        </form>
      )}
      <p>
        <a href={`/countries/${country}/best`}>All picks for {country}</a>
      </p>
    </section>
  );
};
