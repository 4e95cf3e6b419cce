/**
 * Robyn's chained refresh report for a run: its links (the initial model and each refresh, oldest first),
 * actual vs fitted of every link on one time axis, and effect share and ROAS/CPA per paid channel per link.
 * One JSX template that reads top to bottom like the page.
 */
import type { FC } from "hono/jsx";
import type { Run } from "../../core/run.ts";
import type { RefreshChain } from "../results/refresh-chain.ts";
import { Chart, ChartData } from "./components/chart.tsx";
import { RunHeader } from "./components/run-header.tsx";

export const RefreshChainPage: FC<{ run: Run; chain: RefreshChain }> = ({ run, chain }) => (
  <>
    <RunHeader run={run} current="run" full />
    <section class="card">
      <h2>Refresh chain</h2>
      <p class="note">
        The initial model and each refresh of it, oldest first. A refresh moves the window forward and keeps
        its hyperparameters near the model it refreshed; a change of story between links is what to look at.
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Link</th>
              <th>Run</th>
              <th>Model</th>
              <th>Window</th>
            </tr>
          </thead>
          <tbody>
            {chain.links.map((link, i) => (
              <tr>
                <td>{chain.fit.fitted[i]!.label}</td>
                <td>
                  <a href={`/runs/${link.run}`}>{link.run}</a>
                </td>
                <td>
                  <a href={`/runs/${link.run}/models/${link.model}`}>{link.model}</a>
                </td>
                <td>{link.start ? `${link.start} to ${link.end}` : "outputs not available"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
    <section class="card">
      <h2>Actual vs fitted across the chain</h2>
      <Chart
        kind="chainFit"
        dataKey="fit"
        label="Actual values and each link's fitted values over its own window"
        tall
      />
    </section>
    <div class="grid">
      <section class="card">
        <h2>Effect share per channel</h2>
        <Chart kind="grouped" dataKey="shares" label="Effect share of each paid channel per link" />
      </section>
      <section class="card">
        <h2>{chain.metric} per channel</h2>
        <Chart kind="grouped" dataKey="efficiency" label={`${chain.metric} of each paid channel per link`} />
      </section>
    </div>
    <ChartData data={{ fit: chain.fit, shares: chain.shares, efficiency: chain.efficiency }} />
  </>
);
