/**
 * Budget allocator results of a model (Robyn's `robyn_allocator`): a chart of spend and response per channel,
 * now and optimised, with PNG and CSV downloads, the table, the bounds that bind and what relaxing each would
 * add, and (full access) a form to run it with a scenario, a budget or target, bounds for every
 * channel or per channel, and a date range. After a refusal the form comes back as typed, with the problem
 * under the input it is about. One JSX template that reads top to bottom like the page, hence its length.
 */
import type { FC } from "hono/jsx";
import type { AllocationProblem } from "../../../core/results/allocation-problem.ts";
import type { AllocationFormState } from "../../results/allocation-form.ts";
import type { AllocationView } from "../../results/allocation-view.ts";
import type { SessionData } from "../../viewer-env.ts";
import { allocationChartKey, allocationCsvName } from "../../results/allocation-export.ts";
import { amount, inCurrency, num, pct } from "../format.ts";
import { Chart } from "./chart.tsx";
import { CsrfField } from "./csrf-field.tsx";

const Problem: FC<{ problem: AllocationProblem | undefined; input: string; channel?: string }> = ({
  problem,
  input,
  channel,
}) =>
  problem && problem.input === input && problem.channel === channel ? (
    <span class="warn" role="alert" data-field={channel ? `${input}:${channel}` : input}>
      {problem.message}
    </span>
  ) : null;

/** One bound's input (`low`/`up`, for every channel or one), with its problem under it. */
const BoundCell: FC<{
  input: "low" | "up";
  channel?: string;
  placeholder?: string;
  value: (name: string) => string;
  problem: AllocationProblem | undefined;
}> = ({ input, channel, placeholder, value, problem }) => {
  const name = channel ? `${input}:${channel}` : input;
  const label = `${input === "low" ? "lowest" : "highest"} spend, ${channel ?? "every channel"}`;
  return (
    <td>
      <input
        type="number"
        name={name}
        min="0"
        step="any"
        {...(placeholder ? { placeholder } : {})}
        aria-label={label}
        value={value(name)}
      />
      <Problem problem={problem} input={input} {...(channel ? { channel } : {})} />
    </td>
  );
};

const Bindings: FC<{ allocation: AllocationView }> = ({ allocation }) => {
  const bounds = allocation.bindingBounds;
  if (bounds.length === 0) return <p class="note">No channel is held at a bound.</p>;
  const word = (side: string) => (side === "upper" ? "highest" : "lowest");
  return (
    <ul class="binding-bounds">
      {bounds.map((b) => (
        <li data-channel={b.channel} data-binds={String(b.binds)}>
          <strong>{b.channel}</strong> is held at its {word(b.side)} spend ({num(b.multiple, 2)}× today's):{" "}
          {b.binds
            ? `moving it to ${num(b.relaxedMultiple, 2)}× would add ${amount(b.responseGain)} response per ${allocation.interval}.`
            : `moving it to ${num(b.relaxedMultiple, 2)}× would add nothing, so it does not bind.`}
        </li>
      ))}
    </ul>
  );
};

export const AllocationCard: FC<{
  runId: string;
  solID: string;
  allocations: readonly AllocationView[];
  /** The paid channels by spend column: the per-channel bounds' names. */
  channels: readonly string[];
  /** The spec's ISO 4217 code, beside money figures. */
  currency?: string | undefined;
  /** A revenue goal: the response is money too. */
  revenue: boolean;
  form?: AllocationFormState | undefined;
  session?: SessionData | undefined;
}> = ({ runId, solID, allocations, channels, currency, revenue, form, session }) => {
  const value = (name: string) => form?.values[name] ?? "";
  const money = (figure: number) => (currency ? `${amount(figure)} ${currency}` : amount(figure));
  const response = (figure: number) => (revenue ? money(figure) : amount(figure));
  const problem = form?.problem;
  return (
    <section class="card" id="allocator">
      <h2>Budget allocator</h2>
      {allocations.length === 0 && <p class="note">No allocation has been computed for this model yet.</p>}
      {allocations.map((a, i) => (
        <div class="allocation" data-scenario={a.scenario}>
          <h3>
            {a.scenario === "max_response" ? "Most response for the budget" : "Target efficiency"}
            {a.dateRange && ` · ${a.dateRange.from} to ${a.dateRange.to} (${a.dateRange.periods} periods)`}
          </h3>
          <p>
            Response {response(a.totals.initResponse)} → {response(a.totals.optmResponse)} (
            {pct(a.totals.lift)}) for spend {money(a.totals.initSpend)} → {money(a.totals.optmSpend)}.
          </p>
          <Chart
            kind="allocation"
            dataKey={allocationChartKey(i)}
            label={`Spend and response per ${a.interval} by channel, now and optimised`}
          />
          <p class="downloads">
            <a
              href="#allocator"
              data-png-of={allocationChartKey(i)}
              download={`${solID}_allocation_${a.scenario}.png`}
            >
              Download chart (PNG)
            </a>{" "}
            ·{" "}
            <a href={`/runs/${runId}/models/${solID}/download/${allocationCsvName(a)}`}>
              Download table (CSV)
            </a>
          </p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Channel</th>
                  <th>{inCurrency(`Spend per ${a.interval} now`, currency)}</th>
                  <th>{inCurrency("Optimised", currency)}</th>
                  <th>{revenue ? inCurrency("Response now", currency) : "Response now"}</th>
                  <th>{revenue ? inCurrency("Optimised", currency) : "Optimised"}</th>
                  <th>Lift</th>
                </tr>
              </thead>
              <tbody>
                {a.rows.map((r) => (
                  <tr>
                    <td>
                      {r.channel}
                      {r.excluded && <span class="tag">{r.excluded.replace("_", " ")}</span>}
                    </td>
                    <td>{amount(r.initSpend)}</td>
                    <td>{amount(r.optmSpend)}</td>
                    <td>{amount(r.initResponse)}</td>
                    <td>{amount(r.optmResponse)}</td>
                    <td>{pct(r.lift)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Bindings allocation={a} />
        </div>
      ))}
      {session && (
        <form class="stack" method="post" action={`/runs/${runId}/models/${solID}/allocate#allocator`}>
          <CsrfField session={session} />
          <label>
            Scenario
            <select name="scenario">
              <option value="max_response">Most response for a budget</option>
              <option value="target_efficiency" selected={value("scenario") === "target_efficiency"}>
                Most response at a target ROAS / CPA
              </option>
            </select>
            <Problem problem={problem} input="scenario" />
          </label>
          <label>
            {inCurrency("Total budget over the date range", currency)} (empty: as spent)
            <input type="number" name="budget" min="0" step="any" value={value("budget")} />
            <Problem problem={problem} input="budget" />
          </label>
          <label>
            Target ROAS or CPA (target efficiency only)
            <input type="number" name="target" min="0" step="any" value={value("target")} />
            <Problem problem={problem} input="target" />
          </label>
          <fieldset>
            <legend>Lowest and highest spend per channel, as multiples of today's spend</legend>
            <div class="table-wrap">
              <table class="bounds">
                <thead>
                  <tr>
                    <th>Channel</th>
                    <th>Lowest</th>
                    <th>Highest</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <td>Every channel</td>
                    <BoundCell input="low" placeholder="0.5" value={value} problem={problem} />
                    <BoundCell input="up" placeholder="2" value={value} problem={problem} />
                  </tr>
                  {channels.map((channel) => (
                    <tr>
                      <td>{channel}</td>
                      <BoundCell input="low" channel={channel} value={value} problem={problem} />
                      <BoundCell input="up" channel={channel} value={value} problem={problem} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </fieldset>
          <label>
            Date range (all, last, last_N, or START:END)
            <input type="text" name="dateRange" placeholder="all" value={value("dateRange")} />
            <Problem problem={problem} input="dateRange" />
          </label>
          {problem?.input === "model" && <Problem problem={problem} input="model" />}
          <button type="submit">Run the allocator</button>
        </form>
      )}
    </section>
  );
};
