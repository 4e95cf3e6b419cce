/**
 * What changed between a model and its refresh (`output/refresh_report.json`), per paid channel: ROI (CPA
 * for conversions), effect share and marginal ROI before and after, flagged when the new ROI/CPA lies
 * outside the parent model's interval (the recommendation's rule, `engine/select/recommend.ts`), and the change
 * split into two parts that add up to it:
 *
 *   new data       = refit − before   (the parent's hyperparameters, coefficients re-fitted on the new window)
 *   re-estimation  = after − refit    (the refresh's own hyperparameters on the same window)
 *
 * The shares are |part| / (|new data| + |re-estimation|). Sentences say it for a marketer.
 */
import { formatPercent, formatRatio } from "../report/format.ts";
import type { ModelAggregates } from "../model/model-record.ts";
import { marginalReturnsOf } from "../response/marginal-returns.ts";
import type { ParentChannel, RefreshSettings } from "./refresh-settings.ts";

export interface ChannelFigures {
  /** ROI (revenue) or CPA (conversion) over the model's window. */
  value: number | null;
  effect_share: number | null;
  mroi: number | null;
  mean_spend: number | null;
}

export interface ChannelChange {
  channel: string;
  before: ChannelFigures;
  after: ChannelFigures;
  /** The parent's hyperparameters fitted on the refresh window. */
  refit: ChannelFigures;
  /** The parent model's interval of the metric (the recommendation's rule). */
  previous_interval: { low: number; up: number } | null;
  outside_previous_interval: boolean | null;
  change: number | null;
  explained_by_new_data: number | null;
  explained_by_reestimation: number | null;
  sentence: string;
}

export interface RefreshReport {
  refresh_of: { run: string; model: string };
  model: string;
  metric: "roi" | "cpa";
  steps: number;
  freedom: number;
  window: {
    before: { start: string; end: string };
    after: { start: string; end: string };
    added_start: string;
  };
  channels: ChannelChange[];
  restated: RefreshSettings["restated"];
  summary: string[];
}

export interface RefreshReportRequest {
  refresh: RefreshSettings;
  depVarType: "revenue" | "conversion";
  /** The period word for sentences ("week"). */
  period: string;
  window: { start: string; end: string };
  /** The refresh's winning model, and the parent's hyperparameters re-fitted on the same data. */
  after: ModelAggregates;
  refit: ModelAggregates;
}

export function buildRefreshReport(request: RefreshReportRequest): RefreshReport {
  const { refresh, depVarType } = request;
  const metric = depVarType === "revenue" ? "roi" : "cpa";
  const after = figuresOf(request.after, metric);
  const refit = figuresOf(request.refit, metric);
  const channels = refresh.parent.channels.map((parent) => {
    const before: ChannelFigures = {
      value: metric === "roi" ? parent.roi_total : parent.cpa_total,
      effect_share: parent.effect_share,
      mroi: parent.mroi,
      mean_spend: parent.mean_spend,
    };
    return channelChange(
      parent,
      before,
      after.get(parent.channel),
      refit.get(parent.channel),
      metric,
      request.period,
    );
  });
  const flagged = channels.filter((c) => c.outside_previous_interval);
  return {
    refresh_of: refresh.of,
    model: request.after.solID,
    metric,
    steps: refresh.steps,
    freedom: refresh.freedom,
    window: {
      before: { start: refresh.parent.window_start, end: refresh.parent.window_end },
      after: request.window,
      added_start: refresh.added_start,
    },
    channels,
    restated: refresh.restated,
    summary: [
      `Refreshed ${refresh.of.model} of run ${refresh.of.run} with ${refresh.steps} new ${request.period}(s): the window now runs ` +
        `${request.window.start} to ${request.window.end}; model ${request.after.solID} stays closest to the previous story.`,
      flagged.length === 0
        ? `No channel's ${metric.toUpperCase()} moved outside its previous range.`
        : `${flagged.map((c) => c.channel).join(", ")} moved outside the previous range.`,
      ...refresh.restated.map(
        (r) =>
          `${r.column} was restated for ${r.periods} old ${request.period}(s) (${r.first_date} to ${r.last_date}).`,
      ),
      ...channels.map((c) => c.sentence),
    ],
  };
}

/** Each paid channel's figures in a model. */
function figuresOf(record: ModelAggregates, metric: "roi" | "cpa"): Map<string, ChannelFigures> {
  const mroi = new Map(marginalReturnsOf(record).map((r) => [r.channel, r.mroi]));
  return new Map(
    record.variables
      .filter((v) => v.spend_share !== null)
      .map((v) => [
        v.rn,
        {
          value: finite(metric === "roi" ? v.roi_total : v.cpa_total),
          effect_share: finite(v.effect_share),
          mroi: finite(mroi.get(v.rn)),
          mean_spend: finite(v.mean_spend),
        },
      ]),
  );
}

function channelChange(
  parent: ParentChannel,
  before: ChannelFigures,
  after: ChannelFigures | undefined,
  refit: ChannelFigures | undefined,
  metric: "roi" | "cpa",
  period: string,
): ChannelChange {
  const empty: ChannelFigures = { value: null, effect_share: null, mroi: null, mean_spend: null };
  const now = after ?? empty;
  const interval = parent.interval;
  const outside = interval && now.value !== null ? now.value < interval.low || now.value > interval.up : null;
  const split = changeSplit(before.value, refit?.value ?? null, now.value);
  const change: Omit<ChannelChange, "sentence"> = {
    channel: parent.channel,
    before,
    after: now,
    refit: refit ?? empty,
    previous_interval: interval,
    outside_previous_interval: outside,
    change: before.value !== null && now.value !== null ? now.value - before.value : null,
    explained_by_new_data: split?.data ?? null,
    explained_by_reestimation: split?.reestimation ?? null,
  };
  return { ...change, sentence: sentenceOf(change, metric, period) };
}

/** The shares of the change due to new data (refit − before) and to re-estimation (after − refit). */
export function changeSplit(
  before: number | null,
  refit: number | null,
  after: number | null,
): { data: number; reestimation: number } | undefined {
  if (before === null || refit === null || after === null) return undefined;
  const data = Math.abs(refit - before);
  const reestimation = Math.abs(after - refit);
  const total = data + reestimation;
  return total === 0 ? undefined : { data: data / total, reestimation: reestimation / total };
}

function sentenceOf(change: Omit<ChannelChange, "sentence">, metric: "roi" | "cpa", period: string): string {
  const label = `${change.channel} ${metric.toUpperCase()}`;
  const { before, after } = change;
  if (before.value === null || after.value === null)
    return `${label}: not comparable (no value before or after).`;
  const direction = change.change === 0 ? "stayed at" : change.change! > 0 ? "rose from" : "fell from";
  let text =
    change.change === 0
      ? `${label} stayed at ${formatRatio(before.value)}`
      : `${label} ${direction} ${formatRatio(before.value)} to ${formatRatio(after.value)}`;
  const interval = change.previous_interval;
  if (interval)
    text += `, ${change.outside_previous_interval ? "outside" : "within"} the previous range ${formatRatio(interval.low)}–${formatRatio(interval.up)}`;
  const reasons: string[] = [];
  if (before.mean_spend && after.mean_spend !== null) {
    const spend = after.mean_spend / before.mean_spend - 1;
    if (Math.abs(spend) >= 0.05)
      reasons.push(`spend per ${period} ${spend > 0 ? "rose" : "fell"} ${formatPercent(Math.abs(spend), 0)}`);
  }
  if (change.explained_by_new_data !== null && change.explained_by_reestimation !== null) {
    reasons.push(
      change.explained_by_new_data >= 0.5
        ? `the new data explains ${formatPercent(change.explained_by_new_data, 0)} of the change`
        : `re-estimating the model explains ${formatPercent(change.explained_by_reestimation, 0)} of the change`,
    );
  }
  // "Spend rose, so the new data explains it" reads as a cause only when the new data explains most of it.
  const joiner = (change.explained_by_new_data ?? 0) >= 0.5 ? ", so " : "; ";
  return reasons.length > 0 ? `${text}; ${reasons.join(joiner)}.` : `${text}.`;
}

function finite(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
