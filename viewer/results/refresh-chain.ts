/**
 * Robyn's chained refresh report for a run and the runs it refreshes (oldest first): actual vs fitted over
 * every link's window on one time axis, and each paid channel's effect share and ROI (CPA for conversions)
 * per link. A link is a run and its model: the model each refresh started from, and this run's best model.
 */
import { refreshLineage } from "../../core/refresh/refresh-lineage.ts";
import type { RunOutputsCache } from "../../core/results/run-outputs-cache.ts";
import type { OutputRecord } from "../../core/results/run-outputs.ts";
import type { Run } from "../../core/run.ts";
import type { RunStore } from "../../core/run-store/port.ts";
import { finiteOrNull } from "../../common/finite.ts";

export interface ChainLink {
  run: string;
  model: string;
  /** First and last date of the link's window ("" when its outputs are gone). */
  start: string;
  end: string;
}

export interface RefreshChain {
  links: ChainLink[];
  metric: "ROAS" | "CPA";
  /** One time axis: the union of the links' dates; each link's fitted values are null outside its window. */
  fit: { dates: string[]; actual: (number | null)[]; fitted: { label: string; values: (number | null)[] }[] };
  /** Per paid channel and link (`values[link][channel]`), for the `grouped` chart. */
  shares: { channels: string[]; models: string[]; values: (number | null)[][] };
  efficiency: { channels: string[]; models: string[]; values: (number | null)[][]; metric: string };
}

export async function refreshChain(
  runs: RunStore,
  results: RunOutputsCache,
  run: Run,
  bestModel: string,
): Promise<RefreshChain> {
  const lineage = [...(await refreshLineage(runs, run)), { run: run.id, model: bestModel }];
  const conversion = run.spec.dep_var_type === "conversion";
  const loaded = await Promise.all(
    lineage.map(async (link) => {
      const linkRun = link.run === run.id ? run : await runs.getRun(link.run);
      if (!linkRun) return { link, variables: [] as OutputRecord[] };
      const outputs = results.of(linkRun);
      const [variables, decomposition] = await Promise.all([
        outputs.variables(link.model),
        outputs.decomposition(link.model),
      ]);
      return { link, variables, decomposition };
    }),
  );

  const actualByDate = new Map<string, number>();
  const fittedByLink = loaded.map(({ decomposition }) => {
    const fitted = new Map<string, number>();
    if (!decomposition?.has("ds")) return fitted;
    const dates = decomposition.text("ds");
    const actual = decomposition.numbers("dep_var");
    const predicted = decomposition.numbers("depVarHat");
    // A later link's actual wins: refreshed data may restate history.
    dates.forEach((date, i) => {
      actualByDate.set(date, actual[i]!);
      fitted.set(date, predicted[i]!);
    });
    return fitted;
  });
  const dates = [...actualByDate.keys()].sort();
  const labels = lineage.map((link, i) => (i === 0 ? `initial ${link.model}` : `refresh ${i} ${link.model}`));

  const paid = [
    ...new Set(
      loaded.flatMap(({ variables }) =>
        variables.filter((v) => Number.isFinite(v.spend_share)).map((v) => String(v.rn)),
      ),
    ),
  ];
  const perChannel = (key: string) =>
    loaded.map(({ variables }) =>
      paid.map((channel) => finiteOrNull(variables.find((v) => v.rn === channel)?.[key])),
    );
  const metric = conversion ? "CPA" : "ROAS";
  return {
    links: loaded.map(({ link }, i) => {
      const windowDates = [...fittedByLink[i]!.keys()];
      return { ...link, start: windowDates[0] ?? "", end: windowDates.at(-1) ?? "" };
    }),
    metric,
    fit: {
      dates,
      actual: dates.map((date) => finiteOrNull(actualByDate.get(date))),
      fitted: fittedByLink.map((fitted, i) => ({
        label: labels[i]!,
        values: dates.map((date) => finiteOrNull(fitted.get(date))),
      })),
    },
    shares: { channels: paid, models: labels, values: perChannel("xDecompPerc") },
    efficiency: {
      channels: paid,
      models: labels,
      values: perChannel(conversion ? "cpa_total" : "roi_total"),
      metric,
    },
  };
}
