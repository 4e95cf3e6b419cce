/**
 * Which medium a response query is about (Robyn 3.12.1 `check_metric_type`; golden README B6 rule 1).
 *
 * An organic variable stays as it is. A paid channel may be named by its spend column or by its modelled column
 * (the exposure, when one is used); both resolve to the modelled column (Robyn's `paid_media_selected`), whose
 * values are in spend units already, so `facebook_S` and `facebook_I` give the same answer.
 */
import { invalidInput } from "../../common/errors.ts";
import type { MediaChannel } from "../model-input/regressor.ts";

export interface ResponseMetric {
  /** Index into `ModelInput.media`. */
  readonly mediaIndex: number;
  /** Robyn's `metric_name_updated`: the modelled column. */
  readonly name: string;
  readonly type: "paid" | "organic";
}

export function resolveResponseMetric(media: readonly MediaChannel[], metricName: string): ResponseMetric {
  const mediaIndex = media.findIndex((channel) =>
    channel.paid
      ? metricName === channel.name || metricName === channel.spendName || metricName === channel.exposureName
      : metricName === channel.name,
  );
  if (mediaIndex < 0) {
    const paid = media
      .filter((c) => c.paid)
      .flatMap((c) => [c.spendName ?? c.name, c.exposureName ?? []].flat());
    const organic = media.filter((c) => !c.paid).map((c) => c.name);
    throw invalidInput(
      "metric_name",
      `metric_name "${metricName}" is not a medium of this model. Give a paid channel (${[...new Set(paid)].join(", ")})` +
        (organic.length > 0 ? ` or an organic variable (${organic.join(", ")}).` : "."),
    );
  }
  const channel = media[mediaIndex]!;
  return { mediaIndex, name: channel.name, type: channel.paid ? "paid" : "organic" };
}
