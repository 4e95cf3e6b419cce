/**
 * Prophet's seasonality switches in Robyn's model JSON: robyn_inputs() keeps its extra arguments as
 * `InputCollect.custom_params`, where `yearly.seasonality` and `weekly.seasonality` are the switches the
 * spec calls `prophet_seasonality.yearly` and `.weekly` (core/prophet-settings.ts). Written as jsonlite
 * writes an R logical scalar, `[true]`.
 */
import type { ProphetSeasonality } from "../model-input/model-settings.ts";

const SWITCHES = { "yearly.seasonality": "yearly", "weekly.seasonality": "weekly" } as const;

/** `custom_params` for the spec's switches (`{}` when none is set). */
export function customParamsOf(seasonality: ProphetSeasonality | undefined): Record<string, boolean[]> {
  const params: Record<string, boolean[]> = {};
  for (const [name, key] of Object.entries(SWITCHES)) {
    const value = seasonality?.[key];
    if (value !== undefined) params[name] = [value];
  }
  return params;
}

/**
 * The switches a file's `custom_params` hold, and the names it holds that are not honoured (another
 * argument, or a switch given as a Fourier order rather than on/off).
 */
export function seasonalityFromCustomParams(params: unknown): {
  seasonality: ProphetSeasonality | undefined;
  ignored: string[];
} {
  const entries = typeof params === "object" && params !== null && !Array.isArray(params) ? params : {};
  const seasonality: ProphetSeasonality = {};
  const ignored: string[] = [];
  for (const [name, raw] of Object.entries(entries)) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    const key = SWITCHES[name as keyof typeof SWITCHES];
    if (key && typeof value === "boolean") seasonality[key] = value;
    else ignored.push(name);
  }
  return { seasonality: Object.keys(seasonality).length > 0 ? seasonality : undefined, ignored };
}
