/**
 * A response query on the model page (Robyn's `robyn_response`): a form (channel, spend, date range) sent as a
 * GET to the page itself, the answer in plain words, and the channel's response curve with the historical mean
 * spend and the queried spend marked. A problem is shown under the form, naming the field.
 */
import type { FC } from "hono/jsx";
import { DEFAULT_RESPONSE_DATES, type ResponseQueryView } from "../../results/response-query-view.ts";
import { num, pct } from "../format.ts";
import { Chart } from "./chart.tsx";

const LABELS = { channel: "Channel", spend: "Spend", dates: "Date range" } as const;

export const ResponseCard: FC<{ base: string; view: ResponseQueryView }> = ({ base, view }) => {
  const { form, reading, problem } = view;
  const query = reading?.query;
  const share = (part: number, total: number) => (total > 0 ? ` (${pct(part / total, 0)})` : "");
  return (
    <section class="card" id="response">
      <h2>What would a spend return?</h2>
      <p class="note">
        The response per period to a total spend on one channel over a date range, with carryover from earlier
        spend (Robyn's robyn_response).
      </p>
      <form class="stack" method="get" action={`${base}#response`}>
        <label>
          {LABELS.channel}
          <select name="channel" required>
            {view.channels.map((c) => (
              <option value={c} selected={c === form.channel}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          {LABELS.spend} (total over the date range)
          <input type="number" name="spend" min="0" step="any" required value={form.spend} />
        </label>
        <label>
          {LABELS.dates} (all, last, last_N, or dates separated by commas)
          <input type="text" name="dates" placeholder={DEFAULT_RESPONSE_DATES} value={form.dates} />
        </label>
        <button type="submit">Compute the response</button>
      </form>
      {problem && (
        <p class="warn" role="alert" data-field={problem.field}>
          {LABELS[problem.field]}: {problem.message}
        </p>
      )}
      {reading && query && (
        <div class="response-answer">
          <p>
            Spending <strong>{num(reading.total, 0)}</strong> on <strong>{reading.metric}</strong>{" "}
            {reading.periods.count === 1
              ? `in the period of ${reading.periods.from}`
              : `over ${reading.periods.count} periods, ${reading.periods.from} to ${reading.periods.to} (${num(query.spend, 0)} a period on average)`}{" "}
            gives a response of <strong>{num(query.response, 0)} a period</strong>:{" "}
            {num(query.responseImmediate, 0)} from this spend{share(query.responseImmediate, query.response)}{" "}
            and {num(query.responseCarryover, 0)} carried over from earlier spend
            {share(query.responseCarryover, query.response)}.
          </p>
          <p>
            Over the modelling window {reading.metric} averaged {num(reading.history.spend, 0)} a period,
            which brought {num(reading.history.response, 0)} a period.
          </p>
          {reading.mroi && (
            <p data-mroi>
              At this spend one more unit of spend adds {num(reading.mroi.query ?? Number.NaN, 4)} a period
              (mROI); at the historical mean it adds {num(reading.mroi.history, 4)}.
            </p>
          )}
          {reading.notes.map((note) => (
            <p class="note">{note}</p>
          ))}
          <Chart
            kind="responseQuery"
            dataKey="responseQuery"
            label={`Response curve of ${reading.metric} with the mean and the queried spend`}
          />
        </div>
      )}
    </section>
  );
};
