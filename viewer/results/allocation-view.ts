/**
 * Budget allocations of a model as the viewer shows them, read from `output/allocator/<solID>_<scenario>.json`
 * (written by `mmm allocate` or the model page's form: `{ solID, dateRange, ...result }` with Robyn's
 * `dt_optimOut` names). Tolerant: a field that is missing or not a number shows as missing. Channels are
 * named by their spend columns, as the figures beside them are spend (the file names them by their
 * modelled columns, `facebook_I`, as Robyn does).
 */
import { allocationBase } from "../../common/run-folder.ts";
import type { RunSpec } from "../../core/run-spec.ts";
import { spendNameOf } from "../../core/results/spend-name.ts";

export interface AllocationView {
  readonly file: string;
  readonly scenario: string;
  /** One period of the data ("week"). */
  readonly interval: string;
  readonly dateRange?: { readonly from: string; readonly to: string; readonly periods: number };
  readonly rows: readonly {
    readonly channel: string;
    readonly initSpend: number;
    readonly optmSpend: number;
    readonly initResponse: number;
    readonly optmResponse: number;
    readonly lift: number;
    readonly excluded: string | null;
  }[];
  /** The bounds the allocation sits on, with what relaxing each adds (empty for files written before). */
  readonly bindingBounds: readonly {
    readonly channel: string;
    readonly side: "lower" | "upper";
    readonly multiple: number;
    readonly relaxedMultiple: number;
    readonly responseGain: number;
    readonly binds: boolean;
  }[];
  readonly totals: {
    readonly initSpend: number;
    readonly optmSpend: number;
    readonly initResponse: number;
    readonly optmResponse: number;
    readonly lift: number;
  };
}

/** The allocation files of `solID` among a run's files (relative to its prefix). */
export function allocationFiles(files: readonly string[], solID: string): string[] {
  return files.filter((f) => f.startsWith(allocationBase(solID, "")) && f.endsWith(".json"));
}

export function allocationView(
  file: string,
  text: string,
  spec: Pick<RunSpec, "paid_media_spends" | "paid_media_vars">,
): AllocationView | undefined {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const n = (v: unknown) => (typeof v === "number" ? v : Number.NaN);
  const rows = Array.isArray(json.rows) ? (json.rows as Record<string, unknown>[]) : [];
  const totals = (json.totals ?? {}) as Record<string, unknown>;
  const range = json.dateRange as AllocationView["dateRange"] | undefined;
  return {
    file,
    scenario: typeof json.scenario === "string" ? json.scenario : "max_response",
    interval: typeof json.intervalType === "string" ? json.intervalType : "period",
    ...(range && typeof range.from === "string" ? { dateRange: range } : {}),
    rows: rows.map((r) => ({
      channel: spendNameOf(String(r.channels ?? "?"), spec),
      initSpend: n(r.initSpendUnit),
      optmSpend: n(r.optmSpendUnit),
      initResponse: n(r.initResponseUnit),
      optmResponse: n(r.optmResponseUnit),
      lift: n(r.optmResponseUnitLift),
      excluded: typeof r.excluded === "string" ? r.excluded : null,
    })),
    bindingBounds: (Array.isArray(json.bindingBounds)
      ? (json.bindingBounds as Record<string, unknown>[])
      : []
    ).map((b) => ({
      channel: spendNameOf(String(b.channel ?? "?"), spec),
      side: b.side === "lower" ? ("lower" as const) : ("upper" as const),
      multiple: n(b.multiple),
      relaxedMultiple: n(b.relaxedMultiple),
      responseGain: n(b.responseGainUnit),
      binds: b.binds === true,
    })),
    totals: {
      initSpend: n(totals.initSpendTotal),
      optmSpend: n(totals.optmSpendTotal),
      initResponse: n(totals.initResponseTotal),
      optmResponse: n(totals.optmResponseTotal),
      lift: n(totals.optmResponseUnitTotalLift),
    },
  };
}
