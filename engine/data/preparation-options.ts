/**
 * From the run's settings (RunSpec field names) to `prepareData`'s options: the spec's resampling, week
 * start, aggregations, country and country column, with the columns the model uses protected and its
 * media columns named.
 */
import type { PrepareDataOptions } from "./prepare-data.ts";
import type { Aggregation, ResampleTarget } from "./preparation-report.ts";
import type { Weekday } from "./weekday.ts";

/** The RunSpec fields preparation reads (a validated RunSpec or `TrainSettings` can be passed as is). */
export interface PreparationSettings {
  /** The rows kept: this value of the market column (older settings name it by `country` alone). */
  market?: string | undefined;
  country?: string | undefined;
  date_var: string;
  dep_var: string;
  paid_media_spends: readonly string[];
  paid_media_vars?: readonly string[] | undefined;
  organic_vars: readonly string[];
  context_vars: readonly string[];
  factor_vars?: readonly string[] | undefined;
  prophet_vars?: readonly string[] | undefined;
  prophet?: "native" | "precomputed" | undefined;
  resample?: ResampleTarget | undefined;
  week_start?: Weekday | undefined;
  aggregations?: Readonly<Record<string, Aggregation>> | undefined;
  data?: { readonly country_column?: string | undefined } | undefined;
}

export function preparationOptionsFor(settings: PreparationSettings): PrepareDataOptions {
  const media = [
    ...settings.paid_media_spends,
    ...(settings.paid_media_vars ?? []),
    ...settings.organic_vars,
  ];
  const precomputedProphet = settings.prophet === "precomputed" ? (settings.prophet_vars ?? []) : [];
  return {
    dateVar: settings.date_var,
    resample: settings.resample ?? "none",
    weekStart: settings.week_start ?? "monday",
    aggregations: settings.aggregations ?? {},
    country: settings.market ?? settings.country,
    countryColumn: settings.data?.country_column,
    protectedColumns: [
      ...new Set([
        settings.dep_var,
        ...media,
        ...settings.context_vars,
        ...(settings.factor_vars ?? []),
        ...precomputedProphet,
      ]),
    ],
    mediaColumns: [...new Set(media)],
  };
}
