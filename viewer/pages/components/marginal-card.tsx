/**
 * Per paid channel, at its mean spend per period: mROI (response per extra unit of spend), Robyn's response to
 * one more unit, and what 10 % more spend would add, ranked: where the next 10 % of budget earns most. Organic
 * variables have no spend, so no mROI: the card says so rather than leave them out without a word.
 */
import type { FC } from "hono/jsx";
import type { MarginalView } from "../../results/marginal-view.ts";
import { inCurrency, num } from "../format.ts";

export const MarginalCard: FC<{
  view: MarginalView;
  depVarType: "revenue" | "conversion";
  /** The model's organic variables: named as having no mROI, not silently left out. */
  organic: readonly string[];
  /** The spec's ISO 4217 code, beside money figures. */
  currency?: string | undefined;
}> = ({ view, depVarType, organic, currency }) => {
  const revenue = depVarType === "revenue";
  return (
    <section class="card" id="marginal">
      <h2>Next {currency ?? "unit of spend"} per channel</h2>
      {"missing" in view ? (
        <p class="note">Marginal returns cannot be shown for this model: {view.missing}</p>
      ) : (
        <>
          <p class="note">
            Ranked by the {depVarType === "revenue" ? "revenue" : "conversions"} gained per period from 10 %
            more of the channel's mean spend per period: where the next 10 % of budget earns most. mROI is the
            response to one more unit of spend at the mean spend (the slope of the response curve).
          </p>
          <div class="table-wrap">
            <table class="sortable" data-sortable>
              <thead>
                <tr>
                  <th data-sort="number">Rank</th>
                  <th data-sort="text">Channel</th>
                  <th data-sort="number">{inCurrency("Mean spend per period", currency)}</th>
                  <th data-sort="number">
                    {revenue ? inCurrency("Response per period", currency) : "Response per period"}
                  </th>
                  <th data-sort="number">mROI</th>
                  {depVarType === "conversion" && (
                    <th data-sort="number">{inCurrency("Marginal CPA", currency)}</th>
                  )}
                  <th data-sort="number">{inCurrency("+10 % spend", currency)}</th>
                  <th data-sort="number">
                    {revenue ? inCurrency("Response gained", currency) : "Response gained"}
                  </th>
                  <th data-sort="number">Return on the extra</th>
                </tr>
              </thead>
              <tbody>
                {view.ranked.map((r, i) => (
                  <tr data-channel={r.channel}>
                    <td data-value={i + 1}>{i + 1}</td>
                    <td data-value={r.channel}>{r.channel}</td>
                    <td data-value={r.spend}>{num(r.spend, 0)}</td>
                    <td data-value={r.response}>{num(r.response, 1)}</td>
                    <td data-value={r.mroi}>{num(r.mroi, 4)}</td>
                    {depVarType === "conversion" && <td data-value={1 / r.mroi}>{num(1 / r.mroi, 2)}</td>}
                    <td data-value={r.next_step_spend}>{num(r.next_step_spend, 0)}</td>
                    <td data-value={r.next_step_response}>{num(r.next_step_response, 1)}</td>
                    <td data-value={r.next_step_roi}>{num(r.next_step_roi, 4)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {organic.length > 0 && (
            <p class="note" data-organic>
              {organic.join(", ")} {organic.length === 1 ? "is an organic variable" : "are organic variables"}
              : without spend there is no next euro to place, so marginal ROI (mROI) is not defined and{" "}
              {organic.length === 1 ? "it is" : "they are"} not ranked.
            </p>
          )}
        </>
      )}
    </section>
  );
};
