/** Per variable: coefficient, contribution, spend and effect shares, ROAS or CPA, carryover, bootstrapped interval. */
import type { FC } from "hono/jsx";
import { num, pct } from "../format.ts";

type Row = Readonly<Record<string, number | string>>;

export const ChannelTable: FC<{ variables: readonly Row[]; depVarType: "revenue" | "conversion" }> = ({
  variables,
  depVarType,
}) => {
  const efficiency = depVarType === "revenue" ? "roi_total" : "cpa_total";
  const sorted = [...variables].sort((a, b) => (Number(b.xDecompPerc) || 0) - (Number(a.xDecompPerc) || 0));
  return (
    <section class="card">
      <h2>Variables</h2>
      <div class="table-wrap">
        <table class="sortable" data-sortable>
          <thead>
            <tr>
              <th data-sort="text">Variable</th>
              <th data-sort="number">Coefficient</th>
              <th data-sort="number">Contribution</th>
              <th data-sort="number">Share of response</th>
              <th data-sort="number">Spend share</th>
              <th data-sort="number">Effect share</th>
              <th data-sort="number">{depVarType === "revenue" ? "ROAS" : "CPA"}</th>
              <th data-sort="number">Carryover</th>
              <th title="In-cluster bootstrap, Robyn's method">
                {depVarType === "revenue" ? "ROAS" : "CPA"} 95% CI
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((v) => (
              <tr>
                <td data-value={String(v.rn)}>{String(v.rn)}</td>
                <td data-value={Number(v.coef)}>{num(v.coef, 4)}</td>
                <td data-value={Number(v.xDecompAgg)}>{num(v.xDecompAgg, 0)}</td>
                <td data-value={Number(v.xDecompPerc)}>{pct(v.xDecompPerc)}</td>
                <td data-value={Number(v.spend_share)}>{pct(v.spend_share)}</td>
                <td data-value={Number(v.effect_share)}>{pct(v.effect_share)}</td>
                <td data-value={Number(v[efficiency])}>{num(v[efficiency], 3)}</td>
                <td data-value={Number(v.carryover_pct)}>{pct(v.carryover_pct)}</td>
                <td>
                  {Number.isFinite(Number(v.ci_low))
                    ? `${num(v.ci_low, 2)} – ${num(v.ci_up, 2)} (mean ${num(v.boot_mean, 2)})`
                    : "–"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
};
