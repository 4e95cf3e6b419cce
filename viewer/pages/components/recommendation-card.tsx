/**
 * The recommended model of a run (`model_summary.json` `recommended`): which model and why, and per paid
 * channel its ROI (CPA for conversion goals) with the 80 % interval whose coverage the recovery benchmark
 * measures; a channel without a lift study is marked as not identified.
 */
import type { FC } from "hono/jsx";
import type { Recommendation } from "../../../engine/select/recommend.ts";
import { inCurrency, num, pct } from "../format.ts";

export const RecommendationCard: FC<{
  recommended: Recommendation;
  runId: string;
  depVarType: "revenue" | "conversion";
  /** The spec's ISO 4217 code: a CPA is money per conversion. */
  currency?: string | undefined;
}> = ({ recommended, runId, depVarType, currency }) => {
  const conversion = depVarType === "conversion";
  const metric = conversion ? "CPA" : "ROI";
  return (
    <section class="card" id="recommended">
      <h2>
        Recommended model <a href={`/runs/${runId}/models/${recommended.model_id}`}>{recommended.model_id}</a>
      </h2>
      <p class="note" data-reason>
        {recommended.reason}
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Channel</th>
              <th>{conversion ? inCurrency(metric, currency) : metric}</th>
              <th>80 % interval</th>
              <th>Effect share</th>
              <th>mROI</th>
              <th>Identified</th>
            </tr>
          </thead>
          <tbody>
            {recommended.channels.map((c) => {
              const [value, low, high] = conversion
                ? [c.cpa, c.cpa_low, c.cpa_high]
                : [c.roi, c.roi_low, c.roi_high];
              return (
                <tr data-channel={c.channel}>
                  <td>{c.channel}</td>
                  <td>{num(value, 2)}</td>
                  <td>
                    {num(low, 2)} – {num(high, 2)}
                  </td>
                  <td>{pct(c.effect_share)}</td>
                  <td>{num(c.marginal_roi, 4)}</td>
                  <td>{c.identified ? "yes, by a lift study" : "no: add a lift study"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="note">
        The interval is the wider of the spread among the {recommended.near_optimal_models} near-optimal
        models and the error measured when recovering known ROI from simulated data (docs/recommendation.md):
        a lift study narrows it to within 40 % either way; without one the truth can be three times off.
      </p>
    </section>
  );
};
