/**
 * The model settings the engine reads, a subset of the RunSpec with the same Robyn field names, so a
 * validated RunSpec can be passed as it is. Defined here because the engine does not depend on `core/`.
 */

/** The sign a coefficient is constrained to (Robyn's `*_signs`). */
export type Sign = "positive" | "negative" | "default";

export type ProphetComponent = "trend" | "season" | "monthly" | "weekday" | "holiday";
export type AdstockType = "geometric" | "weibull_cdf" | "weibull_pdf";

/** One row of Robyn's `dt_holidays` (`ds, holiday, country, year`): a holiday or event on one day. */
export interface HolidayRow {
  /** ISO date `YYYY-MM-DD`. */
  ds: string;
  holiday: string;
  /** The row's country; a row without one belongs to every run. */
  country?: string | undefined;
  /** The holiday's year (defaults to the year of `ds`); folding onto weeks groups by it. */
  year?: number | undefined;
}

/**
 * Prophet's seasonality switches as Robyn passes them (`yearly.seasonality`, `weekly.seasonality` in
 * robyn_inputs' `...`): whether the decomposition fits that seasonality at all. Absent: fitted when the
 * matching component (`season`, `weekday`) is in prophet_vars.
 */
export interface ProphetSeasonality {
  yearly?: boolean | undefined;
  weekly?: boolean | undefined;
}

export interface ModelSettings {
  country: string;
  date_var: string;
  dep_var: string;
  dep_var_type: "revenue" | "conversion";
  paid_media_spends: readonly string[];
  paid_media_vars?: readonly string[] | undefined;
  paid_media_signs?: readonly Sign[] | undefined;
  organic_vars: readonly string[];
  organic_signs?: readonly Sign[] | undefined;
  context_vars: readonly string[];
  context_signs?: readonly Sign[] | undefined;
  factor_vars: readonly string[];
  prophet_vars: readonly ProphetComponent[];
  prophet_signs?: readonly Sign[] | undefined;
  prophet: "native" | "precomputed";
  /** Holidays and events of the user's own (Robyn's `dt_holidays`), for the `holiday` component. */
  dt_holidays?: readonly HolidayRow[] | undefined;
  /** Whether the built-in public holidays of `country` are used too (default true). */
  country_holidays?: boolean | undefined;
  prophet_seasonality?: ProphetSeasonality | undefined;
  window_start?: string | undefined;
  window_end?: string | undefined;
  adstock: AdstockType;
  intercept: boolean;
  intercept_sign: "non_negative" | "unconstrained";
  rssd_zero_penalty: boolean;
}

export interface ProphetRequest {
  dates: readonly string[];
  y: Float64Array;
  interval: "day" | "week" | "month";
  components: readonly ProphetComponent[];
  country: string;
  /** The user's holiday rows (any country: the provider keeps the run's); see ModelSettings. */
  holidays?: readonly HolidayRow[] | undefined;
  /** Whether the built-in calendar of `country` is used too (default true). */
  countryHolidays?: boolean | undefined;
  seasonality?: ProphetSeasonality | undefined;
  /** Text factor variables, one level per row, to be turned into non-negative effect series. */
  factors: readonly { name: string; values: readonly string[] }[];
}

export interface ProphetResult {
  components: Partial<Record<ProphetComponent, Float64Array>>;
  factors: Record<string, Float64Array>;
}

/** Computes Prophet-style components (the native decomposition, or a stand-in in tests). */
export type ProphetProvider = (request: ProphetRequest) => ProphetResult;
