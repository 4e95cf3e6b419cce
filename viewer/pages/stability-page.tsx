/**
 * Model stability across runs of a country: box plots of each paid channel's effect share and ROAS/CPA.
 * One JSX template that reads top to bottom like the page, hence its length.
 */
import type { FC } from "hono/jsx";
import type { QualityBar, Stability } from "../results/stability.ts";
import { thresholdsSentence } from "../results/traffic-light.ts";
import { BoxPlot } from "./components/box-plot.tsx";
import { num, pct } from "./format.ts";
import type { RunSource } from "../../core/run-source.ts";
import type { SourceGroup } from "../results/source-groups.ts";
import { SourceSwitch } from "./components/source-switch.tsx";

export const StabilityPage: FC<{
  country: string;
  stability: Stability;
  bar: QualityBar;
  runsLimit: number;
  metric: "ROAS" | "CPA";
  /** The market's data sources, and the one whose runs are compared. */
  sources: readonly SourceGroup[];
  source?: RunSource;
}> = ({ country, stability, bar, runsLimit, metric, sources, source }) => (
  <>
    <p class="crumbs">
      <a href="/countries">Markets</a> /{" "}
      <a
        href={`/countries/${encodeURIComponent(country)}/best${source ? `?source=${encodeURIComponent(source.key)}` : ""}`}
      >
        {country}
      </a>{" "}
      / stability
    </p>
    <h1>
      Model stability for {country}
      {source ? <span class="sub"> · {source.label}</span> : null}
    </h1>
    <SourceSwitch
      groups={sources}
      chosen={source?.key}
      href={(key) => `/countries/${encodeURIComponent(country)}/stability?source=${encodeURIComponent(key)}`}
    />
    <form class="filters" method="get">
      {source ? <input type="hidden" name="source" value={source.key} /> : null}
      <label>
        Models
        <select name="quality">
          <option value="green" selected={bar === "green"}>
            green on every metric
          </option>
          <option value="amber" selected={bar === "amber"}>
            amber or better
          </option>
          <option value="all" selected={bar === "all"}>
            all Pareto models
          </option>
        </select>
      </label>
      <label>
        Latest runs
        <input type="number" name="runs" min="1" max="50" value={String(runsLimit)} />
      </label>
      <button type="submit">Show</button>
    </form>
    <p class="note">
      {stability.selected} of {stability.total} Pareto models from {stability.runs} succeeded{" "}
      {stability.runs === 1 ? "run" : "runs"}. {thresholdsSentence()} The dot is the picked model.
    </p>
    {stability.channels.length === 0 ? (
      <p class="card">No model passes this bar: choose a lower one, or train more runs.</p>
    ) : (
      <div class="grid">
        <section class="card">
          <h2>Effect share</h2>
          <BoxPlot
            label={`Effect share per channel across ${stability.selected} models`}
            format={(v) => pct(v)}
            rows={stability.channels.flatMap((c) =>
              c.effect
                ? [
                    {
                      label: c.channel,
                      distribution: c.effect,
                      ...(c.pickedEffect !== undefined ? { marker: c.pickedEffect } : {}),
                    },
                  ]
                : [],
            )}
          />
        </section>
        <section class="card">
          <h2>{metric}</h2>
          <BoxPlot
            label={`${metric} per channel across ${stability.selected} models`}
            rows={stability.channels.flatMap((c) =>
              c.efficiency
                ? [
                    {
                      label: c.channel,
                      distribution: c.efficiency,
                      ...(c.pickedEfficiency !== undefined ? { marker: c.pickedEfficiency } : {}),
                    },
                  ]
                : [],
            )}
          />
        </section>
      </div>
    )}
    {stability.channels.length > 0 && (
      <section class="card">
        <h2>Summary</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Channel</th>
                <th>Effect share: median (min – max)</th>
                <th>sd</th>
                <th>{metric}: median (min – max)</th>
                <th>sd</th>
              </tr>
            </thead>
            <tbody>
              {stability.channels.map((c) => (
                <tr>
                  <th>{c.channel}</th>
                  <td>
                    {c.effect ? `${pct(c.effect.median)} (${pct(c.effect.min)} – ${pct(c.effect.max)})` : "–"}
                  </td>
                  <td>{c.effect ? pct(c.effect.sd) : "–"}</td>
                  <td>
                    {c.efficiency
                      ? `${num(c.efficiency.median, 2)} (${num(c.efficiency.min, 2)} – ${num(c.efficiency.max, 2)})`
                      : "–"}
                  </td>
                  <td>{c.efficiency ? num(c.efficiency.sd, 2) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    )}
  </>
);
