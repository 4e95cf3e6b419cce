/**
 * Scheduled refreshes (`/schedules`): each country's picked model refreshed on new data at its cadence, with
 * its next slot and how the last one went, and a button to cancel it (a form with the session's CSRF token).
 */
import type { FC } from "hono/jsx";
import type { Schedule } from "../../core/schedules/schedule.ts";
import type { SessionData } from "../viewer-env.ts";
import { ActionTable } from "./components/action-table.tsx";
import { when } from "./format.ts";
import { actorName } from "./run-best-model.ts";

export const SchedulesPage: FC<{ schedules: readonly Schedule[]; session: SessionData }> = ({
  schedules,
  session,
}) => (
  <>
    <h1>Scheduled refreshes</h1>
    <section class="card">
      <p class="note">
        Made in Slack with <code>/mmm schedule DE monthly</code> (or weekly, or a cron expression), read in
        UTC or in the zone named after <code>tz</code> (<code>/mmm schedule DE monthly tz Europe/Berlin</code>
        ). At each slot the country's picked model is refreshed on new data and the result is posted in the
        channel.
      </p>
      {schedules.length === 0 ? (
        <p class="note">No schedules.</p>
      ) : (
        <ActionTable
          headers={["Id", "Country", "Cadence", "Time zone", "Next", "Last", "Made"]}
          items={schedules}
          cells={(s) => (
            <>
              <td>
                <code>{s.id}</code>
              </td>
              <td>
                <a href={`/countries/${s.country}/best`}>{s.country}</a>
              </td>
              <td>
                {s.cadence} <code>{s.cron}</code>
              </td>
              <td>{s.timezone}</td>
              <td>{when(s.nextDue)}</td>
              <td>
                {s.lastOutcome ? (
                  <>
                    {s.lastOutcome.status}
                    {s.lastOutcome.runId && (
                      <>
                        {" "}
                        <a href={`/runs/${s.lastOutcome.runId}`}>{s.lastOutcome.runId}</a>
                      </>
                    )}
                    {s.lastOutcome.reason && <>: {s.lastOutcome.reason}</>}
                  </>
                ) : (
                  "not run yet"
                )}
              </td>
              <td>
                {actorName(s.createdBy)}, {when(s.createdAt)}
              </td>
            </>
          )}
          action={(s) => `/schedules/${s.id}/cancel`}
          button="Cancel"
          session={session}
        />
      )}
    </section>
  </>
);
