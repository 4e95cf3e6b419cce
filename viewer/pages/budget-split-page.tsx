/**
 * `/budget-split`: a total budget split across markets (each market's picked model) and their channels, with the
 * form (markets, budget per period, bounds) and the answer: the gain over today's split, a picture of today's
 * spend against the split's per market and channel, and a table per market with the bounds it sits on.
 */
import type { FC } from "hono/jsx";
import type { MarketSplit } from "../../core/budget-split/market-split.ts";
import type { BestModelPick } from "../../core/run-store/port.ts";
import type { SplitFormValues } from "../results/budget-split-form.ts";
import { Chart, ChartData } from "./components/chart.tsx";
import { amount, num, pct } from "./format.ts";

export type SplitInput = "countries" | "budget" | "roas" | "low" | "up" | "markets" | "channels";

export interface BudgetSplitPageProps {
  picks: readonly BestModelPick[];
  values: SplitFormValues;
  split?: MarketSplit;
  problem?: { input: SplitInput; message: string };
}

const Problem: FC<{ problem: BudgetSplitPageProps["problem"]; input: SplitInput }> = ({ problem, input }) =>
  problem?.input === input ? (
    <span class="warn field-problem" role="alert" data-field={input}>
      {problem.message}
    </span>
  ) : null;

const BOUND_WORDS = { lower: "at its lowest", upper: "at its highest" } as const;

const Result: FC<{ split: MarketSplit }> = ({ split }) => {
  const per = `per ${split.intervalType}`;
  const { totals } = split;
  return (
    <section class="card" id="result">
      <h2>The split</h2>
      {split.targetRoas !== null && (
        <p class="split-target">
          ROAS target {num(split.targetRoas)}: the largest budget whose best split returns it is{" "}
          {amount(split.budget)} {per}.
        </p>
      )}
      <p class="split-summary">
        {amount(split.budget)} {per}
        {split.currency ? ` ${split.currency}` : ""} across {split.markets.map((m) => m.name).join(", ")}:{" "}
        {split.depVarType === "revenue" ? "revenue" : "conversions"} {amount(totals.currentResponse)} today →{" "}
        <strong>{amount(totals.response)}</strong> {per} (
        <strong data-gain={totals.responseGain}>
          {totals.responseGain >= 0 ? "+" : ""}
          {amount(totals.responseGain)}, {pct(totals.responseGainShare, 2)}
        </strong>
        ).
      </p>
      <Chart
        kind="budgetSplit"
        dataKey="split"
        label={`Spend ${per} per market and channel: today and the split`}
        tall
      />
      <div class="table-wrap">
        <table class="split-table">
          <thead>
            <tr>
              <th>Market</th>
              <th>Channel</th>
              <th>Spend today</th>
              <th>Split</th>
              <th>Change</th>
              <th>Bounds</th>
              <th>Response today</th>
              <th>Split's response</th>
              <th>Next unit returns</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            {split.markets.flatMap((market) => [
              ...market.channels.map((c) => (
                <tr data-market={market.name} data-channel={c.name}>
                  <td>{market.name}</td>
                  <td>{c.name}</td>
                  <td>{amount(c.current)}</td>
                  <td>{amount(c.spend)}</td>
                  <td>{c.current > 0 ? pct(c.spend / c.current - 1) : "–"}</td>
                  <td>
                    {amount(c.lower)} – {amount(c.upper)}
                  </td>
                  <td>{amount(c.currentResponse)}</td>
                  <td>{amount(c.response)}</td>
                  <td>{num(c.marginal)}</td>
                  <td>{c.atBound ? BOUND_WORDS[c.atBound] : ""}</td>
                </tr>
              )),
              <tr class="total" data-market={market.name} data-channel="total">
                <td>{market.name}</td>
                <td>Market total</td>
                <td>{amount(market.current)}</td>
                <td>{amount(market.spend)}</td>
                <td>{pct(market.spend / market.current - 1)}</td>
                <td>
                  {amount(market.lower)} – {amount(market.upper)}
                </td>
                <td>{amount(market.currentResponse)}</td>
                <td>{amount(market.response)}</td>
                <td>{num(market.marginal)}</td>
                <td>{market.atBound ? `market ${BOUND_WORDS[market.atBound]}` : ""}</td>
              </tr>,
            ])}
          </tbody>
        </table>
      </div>
      <p class="note">
        The split is the global optimum of the markets' response curves within the bounds (
        {split.diagnostics.method}, {split.diagnostics.status}, relative gap{" "}
        {split.diagnostics.relativeGap.toExponential(1)}): every channel inside its bounds, in a market inside
        its own, returns the same {num(split.marginal)} for the next unit of spend.
      </p>
      <details>
        <summary>Models and assumptions</summary>
        <ul class="assumptions">
          {split.models.map((m) => (
            <li>
              {m.market}: <a href={`/runs/${m.runId}/models/${m.solID}`}>model {m.solID}</a> of run {m.runId},
              today's spend from {m.dateRange.from} to {m.dateRange.to}
            </li>
          ))}
          {split.assumptions.map((a) => (
            <li>{a}</li>
          ))}
        </ul>
      </details>
    </section>
  );
};

export const BudgetSplitPage: FC<BudgetSplitPageProps> = ({ picks, values, split, problem }) => {
  const markets = [...new Set(picks.map((p) => p.country))].sort();
  const ticked = (market: string) => values.countries.length === 0 || values.countries.includes(market);
  const chart = split && {
    period: split.intervalType,
    labels: split.markets.flatMap((m) => m.channels.map((c) => `${m.name} ${c.name}`)),
    current: split.markets.flatMap((m) => m.channels.map((c) => c.current)),
    split: split.markets.flatMap((m) => m.channels.map((c) => c.spend)),
  };
  return (
    <>
      <h1>Budget split across markets</h1>
      <p class="note">
        One budget across the markets' picked models (<a href="/countries">Best models</a>) and their paid
        channels, for the most total response. Bounds are multiples of today's spend.
      </p>
      <section class="card" id="form">
        {markets.length === 0 ? (
          <p>No market has a picked model yet: pick the best model of each market first.</p>
        ) : (
          <form class="stack" method="get" action="/budget-split#result">
            <fieldset>
              <legend>Markets</legend>
              {markets.map((market) => (
                <label class="choice">
                  <input type="checkbox" name="country" value={market} checked={ticked(market)} /> {market}
                </label>
              ))}
              <Problem problem={problem} input="countries" />
            </fieldset>
            <label>
              Total budget per week (empty: today's total)
              <input type="text" name="budget" inputmode="decimal" value={values.budget} />
              <Problem problem={problem} input="budget" />
            </label>
            <label>
              … or a ROAS to meet: the largest budget whose best split returns it
              <input type="text" name="roas" inputmode="decimal" value={values.roas} />
              <Problem problem={problem} input="roas" />
            </label>
            <label>
              Every channel's lowest spend (× today's; default 0.5)
              <input type="number" name="low" min="0" step="any" value={values.low} />
              <Problem problem={problem} input="low" />
            </label>
            <label>
              Every channel's highest spend (× today's; default 2)
              <input type="number" name="up" min="0" step="any" value={values.up} />
              <Problem problem={problem} input="up" />
            </label>
            <label>
              Market bounds, on a market's total: US=0.9-1.1 (US=1 holds it)
              <input type="text" name="markets" value={values.markets} placeholder="US=0.9-1.1" />
              <Problem problem={problem} input="markets" />
            </label>
            <label>
              Channel bounds: TV_S=0.8-1.2 in every market, DE.TV_S=1 in one
              <input type="text" name="channels" value={values.channels} placeholder="TV_S=0.8-1.2" />
              <Problem problem={problem} input="channels" />
            </label>
            <p class="actions">
              <button type="submit">Split the budget</button>
            </p>
          </form>
        )}
      </section>
      {split && <Result split={split} />}
      {chart && <ChartData data={{ split: chart }} />}
    </>
  );
};
