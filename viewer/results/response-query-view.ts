/**
 * The model page's response query (issue: "a form with a response-curve picture on the model page"): the form's
 * words (`channel`, `spend`, `dates` in the page's URL) through the same parser and core function as the API and
 * `/mmm response`, into what the page shows: the reading, the curve with the historical mean and the queried
 * point, or the problem in the form's words.
 */
import type { ArtifactStore } from "../../core/artifacts/port.ts";
import { isMmmError } from "../../common/errors.ts";
import { responseForRunModel, responseQueryFromText } from "../../core/results/model-response.ts";
import {
  responseCurvePoints,
  responseReading,
  type ResponseReading,
} from "../../core/results/response-reading.ts";
import type { Run } from "../../core/run.ts";

/** The form's fields, as typed (echoed back into the form). */
export interface ResponseQueryForm {
  channel: string;
  spend: string;
  dates: string;
}

export interface ResponseQueryView {
  /** The media a query may name: paid spends, then organic variables. */
  channels: string[];
  form: ResponseQueryForm;
  reading?: ResponseReading;
  /** Chart data: the curve and the two points, in spend per period. */
  chart?: {
    channel: string;
    curve: { x: number; y: number }[];
    history: { x: number; y: number };
    query: { x: number; y: number } | null;
  };
  problem?: { field: keyof ResponseQueryForm; message: string };
}

/** Robyn's argument each form field feeds. */
const FIELD_OF: Record<string, keyof ResponseQueryForm> = {
  metric_name: "channel",
  metric_value: "spend",
  date_range: "dates",
};

export const DEFAULT_RESPONSE_DATES = "last";

/** `query` is the page URL's query; nothing is computed until a channel is given. */
export async function responseQueryView(
  artifacts: ArtifactStore,
  run: Run,
  solID: string,
  query: Readonly<Record<string, string | undefined>>,
): Promise<ResponseQueryView> {
  const channels = [...run.spec.paid_media_spends, ...run.spec.organic_vars];
  const form = {
    channel: query.channel?.trim() ?? "",
    spend: query.spend?.trim() ?? "",
    dates: query.dates?.trim() ?? "",
  };
  if (!form.channel) return { channels, form };
  if (!form.spend)
    return {
      channels,
      form,
      problem: { field: "spend", message: "Give a spend: the total for the date range, zero or above." },
    };
  try {
    const report = await responseForRunModel(
      artifacts,
      run,
      solID,
      responseQueryFromText({
        metric_name: form.channel,
        metric_value: form.spend,
        date_range: form.dates || DEFAULT_RESPONSE_DATES,
      }),
    );
    const reading = responseReading(report, Number(form.spend));
    const finite = (x: number, y: number) => (Number.isFinite(x) && Number.isFinite(y) ? { x, y } : null);
    return {
      channels,
      form,
      reading,
      chart: {
        channel: report.metric_name,
        curve: responseCurvePoints(report, reading).map((p) => ({ x: p.spend, y: p.response })),
        history: { x: reading.history.spend, y: reading.history.response },
        query: reading.query && finite(reading.query.spend, reading.query.response),
      },
    };
  } catch (error) {
    const field =
      isMmmError(error) && error.code === "invalid_input" ? FIELD_OF[error.field ?? ""] : undefined;
    if (!field || !isMmmError(error)) throw error;
    return { channels, form, problem: { field, message: error.message } };
  }
}
