/**
 * What goes into a run's thread: stage notes as the run moves, then the results (Pareto models, clusters,
 * the best model's fit, its channels with mROI, where the next 10 % of budget earns most) with the buttons Pick as best, Allocate budget, Re-run with changes
 * and Open in viewer; or the failure in plain words with the end of the log. Also the allocator's table and
 * the note when someone picks a best model.
 *
 * The builder is one typed literal that reads top to bottom in the order Slack shows it, so it is long
 * on purpose.
 */
import { readConvergence } from "../../core/results/convergence-advice.ts";
import { spendNameOf } from "../../core/results/spend-name.ts";
import { refreshable } from "../../core/refresh/refresh-lineage.ts";
import type { ActionsBlock, KnownBlock } from "@slack/types";
import type { ModelAllocation } from "../../core/results/model-allocation.ts";
import type { Run } from "../../core/run.ts";
import type { BestModelPick } from "../../core/run-store/port.ts";
import { bindingBoundsSection } from "./binding-bounds-section.ts";
import { LIMITS } from "./block-kit-limits.ts";
import {
  code,
  codeBlock,
  escapeMrkdwn,
  formatDuration,
  formatNumber,
  formatPercent,
  link,
  mention,
  textTable,
  truncate,
} from "./format.ts";
import { formatCost } from "../../core/results/run-cost.ts";
import { healthBlocks } from "./health-card.ts";
import { ACTION } from "./ids.ts";
import { recommendationBlocks } from "./recommendation-blocks.ts";
import { summaryOf, type SlackMessage, type SummaryHighlights } from "./run-message.ts";
import { mrkdwn, plain } from "./text-objects.ts";

export interface ResultLinks {
  run: string;
  model: (solID: string) => string;
}

export type StageNote = "preparing" | "running" | "searching" | "selecting" | "clustering" | "cancelled";

/** A short line in the thread when the run reaches a stage. */
export function stageNote(run: Run, stage: StageNote): SlackMessage {
  const spec = run.spec;
  const data = (
    run.summary as { data?: { rows?: number; windowStart?: string; windowEnd?: string; interval?: string } }
  )?.data;
  const text = {
    preparing:
      ":gear: Data checked and snapshot written" +
      (data?.rows
        ? ` (${formatNumber(data.rows)} ${data.interval ?? "row"}s, window ${data.windowStart} → ${data.windowEnd})`
        : "") +
      ". Starting the trainer.",
    running: `:runner: The trainer started: ${spec.engine} engine, ${formatNumber(spec.iterations)} iterations × ${spec.trials} trials.`,
    searching: ":mag: Searching hyperparameters (NRMSE and DECOMP.RSSD).",
    selecting: ":dart: Search done: selecting the Pareto-optimal models.",
    clustering: ":jigsaw: Clustering the Pareto models and picking each cluster's best.",
    cancelled: `:no_entry_sign: ${escapeMrkdwn(run.failure?.reason ?? "The run was cancelled.")}`,
  }[stage];
  return {
    text: truncate(text.replace(/:[a-z_]+: /, ""), 3000),
    blocks: [{ type: "section", text: mrkdwn(text) }],
  };
}

/** Organic variables are named as having no mROI (they have no spend), not left out without a word. */
function organicNote(organic: readonly string[]): string {
  if (organic.length === 0) return "";
  const names = organic.map(escapeMrkdwn).join(", ");
  return organic.length === 1
    ? `\n_${names} is organic: it has no spend, so it has no mROI and is not ranked._`
    : `\n_${names} are organic: they have no spend, so they have no mROI and are not ranked._`;
}

/** " (about $0.0012 on Cloud Run)" when the run's cost was estimated. */
function costText(run: Run): string {
  const cost = run.resources?.estimatedCostUsd;
  return cost === undefined ? "" : ` (about ${formatCost(cost)} on Cloud Run)`;
}

/** The results of a succeeded run. */
export function resultsMessage(run: Run, links: ResultLinks): SlackMessage {
  const s: SummaryHighlights = summaryOf(run) ?? {};
  const best = s.best_model;
  const currency = run.spec.currency;
  const unit = currency ? ` ${currency}` : "";
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(
        `*Results for ${escapeMrkdwn(run.country)}*: ${formatNumber(s.pareto_model_count ?? 0)} Pareto-optimal models ` +
          `in ${s.pareto_fronts ?? "?"} fronts, out of ${formatNumber(s.candidate_model_count ?? 0)} candidates; ` +
          `${s.clusters?.k ?? "?"} clusters.` +
          (run.resources
            ? ` Training took ${formatDuration(run.resources.wallSeconds)}${costText(run)}.`
            : ""),
      ),
    },
    // Before any number: whether the numbers can be trusted.
    ...healthBlocks(s, links.run),
  ];
  blocks.push(
    ...recommendationBlocks(
      s.recommended,
      s.input_metadata?.dep_var_type === "conversion",
      links.model,
      currency,
    ),
  );
  if (best) {
    const fit = [
      mrkdwn(
        `*Robyn's pick (lowest Robyn distance among the cluster tops)*\n${link(links.model(best.model_id), best.model_id)} (cluster ${best.cluster})`,
      ),
      mrkdwn(`*R² train*\n${formatNumber(best.rsq_train)}`),
      mrkdwn(`*NRMSE*\n${formatNumber(best.nrmse)}`),
      mrkdwn(`*DECOMP.RSSD*\n${formatNumber(best.decomp_rssd)}`),
    ];
    // MAPE measures the fit to calibration studies: without studies it is 0 and says nothing.
    if ((s.input_metadata?.calibration_studies ?? 0) > 0)
      fit.push(mrkdwn(`*MAPE (calibration)*\n${formatNumber(best.mape)}`));
    if (best.rsq_val !== null && best.rsq_val !== undefined)
      fit.push(
        mrkdwn(`*R² validation / test*\n${formatNumber(best.rsq_val)} / ${formatNumber(best.rsq_test)}`),
      );
    blocks.push({ type: "section", fields: fit });
    const conversion = s.input_metadata?.dep_var_type === "conversion";
    const channels = best.channels ?? [];
    if (channels.length > 0) {
      const table = textTable(
        ["channel", "spend", "effect", conversion ? withCurrency("CPA", currency) : "ROI", "mROI"],
        channels.map((c) => [
          c.channel,
          formatPercent(c.spend_share),
          formatPercent(c.effect_share),
          formatNumber(conversion ? c.cpa_total : c.roi_total),
          formatNumber(c.mroi),
        ]),
      );
      blocks.push({ type: "section", text: mrkdwn(codeBlock(table)) });
    }
    const ranking = best.next_budget_ranking ?? [];
    if (ranking.length > 0) {
      const per = `per ${s.input_metadata?.interval ?? "period"}`;
      const lines = ranking.map(
        (r, i) =>
          `${i + 1}. ${escapeMrkdwn(r.channel)}: +${formatNumber(r.response_gain)}` +
          `${conversion ? "" : unit} ${per} for +${formatNumber(r.extra_spend)}${unit} spend ` +
          `(${formatNumber(r.roi)} per unit)`,
      );
      blocks.push({
        type: "section",
        text: mrkdwn(
          truncate(
            `*Where the next 10 % of budget earns most* (10 % more of each channel's mean spend; mROI is the ` +
              `response to one more unit at mean spend)\n${lines.join("\n")}` +
              organicNote(run.spec.organic_vars),
            LIMITS.sectionText,
          ),
        ),
      });
    }
  }
  const tops = s.clusters?.top_models ?? [];
  if (tops.length > 0) {
    const lines = tops.map(
      (t) => `Cluster ${t.cluster}: ${link(links.model(t.model_id), t.model_id)} (${t.size} models)`,
    );
    blocks.push({
      type: "section",
      text: mrkdwn(truncate(`*Best model of each cluster*\n${lines.join("\n")}`, LIMITS.sectionText)),
    });
  }
  const convergence = readConvergence(s.convergence ?? [], s);
  const notes = [
    ...convergence.lines.map((line) => line.text),
    ...(convergence.advice ? [convergence.advice] : []),
    ...(s.warnings ?? []),
  ].filter(Boolean);
  if (notes.length > 0) {
    blocks.push({
      type: "context",
      elements: [mrkdwn(truncate(notes.map(escapeMrkdwn).join("\n"), LIMITS.contextText))],
    });
  }
  blocks.push(resultActions(run, links.run));
  return {
    text: truncate(
      `Results for ${run.country}: ${s.pareto_model_count ?? 0} Pareto models, ` +
        (s.recommended ? `recommended model ${s.recommended.model_id}, ` : "") +
        `Robyn's pick ${best?.model_id ?? "?"}` +
        (best ? ` (NRMSE ${formatNumber(best.nrmse)}, DECOMP.RSSD ${formatNumber(best.decomp_rssd)})` : ""),
      3000,
    ),
    blocks,
  };
}

function resultActions(run: Run, runUrl: string): ActionsBlock {
  return {
    type: "actions",
    block_id: "result_actions",
    elements: [
      {
        type: "button",
        action_id: ACTION.pickBest,
        text: plain("Pick as best", 75),
        style: "primary",
        value: run.id,
      },
      { type: "button", action_id: ACTION.allocate, text: plain("Allocate budget", 75), value: run.id },
      { type: "button", action_id: ACTION.rerun, text: plain("Re-run with changes", 75), value: run.id },
      ...(refreshable(run)
        ? [
            {
              type: "button" as const,
              action_id: ACTION.refresh,
              text: plain("Refresh with new data", 75),
              value: run.id,
            },
          ]
        : []),
      { type: "button", action_id: ACTION.openViewer, text: plain("Open in viewer", 75), url: runUrl },
    ],
  };
}

/** A failed run: the reason in plain words and the end of its log. */
export function failureMessage(run: Run): SlackMessage {
  const reason = run.failure?.reason ?? "The trainer stopped without giving a reason.";
  const blocks: KnownBlock[] = [
    { type: "section", text: mrkdwn(`:x: *The run failed.* ${escapeMrkdwn(truncate(reason, 2800))}`) },
  ];
  if (run.failure?.logTail) {
    blocks.push({
      type: "section",
      text: mrkdwn(`*End of the log*\n${codeBlock(run.failure.logTail, 2900)}`),
    });
  }
  blocks.push({
    type: "actions",
    block_id: "failure_actions",
    elements: [
      { type: "button", action_id: ACTION.rerun, text: plain("Re-run with changes", 75), value: run.id },
    ],
  });
  return { text: truncate(`The run failed: ${reason}`, 3000), blocks };
}

/** The comment of the one-pager upload, or the note that there are none. */
export function onePagersText(
  models: readonly { solID: string; cluster?: number; recommended?: boolean }[],
): string {
  if (models.length === 0) return "No one-pagers for this run: the trainer wrote none.";
  const recommended = models.find((m) => m.recommended);
  const tops = models.filter((m) => !m.recommended).map((m) => m.solID);
  if (!recommended) return `One-pagers of the cluster-top models: ${tops.join(", ")}.`;
  return (
    `One-pagers of the recommended model ${recommended.solID}` +
    (tops.length > 0 ? ` and of the cluster-top models: ${tops.join(", ")}.` : ".")
  );
}

export function noOnePagersMessage(): SlackMessage {
  const text = onePagersText([]);
  return { text, blocks: [{ type: "context", elements: [mrkdwn(text)] }] };
}

/** The allocator's result for one model, as a table in the thread. */
export function allocationMessage(run: Run, allocation: ModelAllocation, by?: string): SlackMessage {
  const { result, dateRange, solID } = allocation;
  const t = result.totals;
  const conversion = result.depVarType === "conversion";
  const currency = run.spec.currency;
  const money = (figure: number) => formatNumber(figure) + (currency ? ` ${currency}` : "");
  const response = (figure: number) => (conversion ? formatNumber(figure) : money(figure));
  // Named by spend columns: the figures are spend (Robyn names the rows by the modelled columns).
  const spendName = (channel: string) => spendNameOf(channel, run.spec);
  const rows = result.rows.map((r) => [
    spendName(r.channels),
    formatNumber(r.initSpendUnit),
    formatNumber(r.optmSpendUnit),
    r.initSpendUnit > 0 ? formatPercent(r.optmSpendUnit / r.initSpendUnit - 1, 0) : "n/a",
    formatNumber(conversion ? r.initCpaUnit : r.initRoiUnit),
    formatNumber(conversion ? r.optmCpaUnit : r.optmRoiUnit),
  ]);
  const table = textTable(
    [
      "channel",
      withCurrency("spend now", currency),
      "optimised",
      "change",
      conversion ? withCurrency("CPA now", currency) : "ROI now",
      conversion ? "CPA opt" : "ROI opt",
    ],
    rows,
  );
  const headline =
    `*Budget allocation* for model ${code(solID)} (${result.scenario.replace("_", " ")}), ` +
    `${dateRange.from} → ${dateRange.to} (${dateRange.periods} periods), per period: ` +
    `response ${response(t.initResponseUnitTotal)} → ${response(t.optmResponseUnitTotal)} ` +
    `(${formatPercent(t.optmResponseUnitTotalLift)}) for spend ${money(t.initSpendUnitTotal)} → ` +
    `${money(t.optmSpendUnitTotal)}.` +
    (by ? ` Asked by ${mention(by)}.` : "");
  const blocks: KnownBlock[] = [
    { type: "section", text: mrkdwn(headline) },
    { type: "section", text: mrkdwn(codeBlock(table)) },
  ];
  const binding = bindingBoundsSection(
    result.bindingBounds.map((b) => ({ ...b, channel: spendName(b.channel) })),
    allocation.intervalType,
  );
  if (binding) blocks.push(binding);
  const notes = [result.bounded.message, result.unbounded.message].filter((m): m is string => Boolean(m));
  if (notes.length > 0)
    blocks.push({ type: "context", elements: [mrkdwn(truncate(notes.map(escapeMrkdwn).join("\n"), 3000))] });
  return {
    text: truncate(
      `Budget allocation for ${run.country} model ${solID}: response ${formatPercent(t.optmResponseUnitTotalLift)}`,
      3000,
    ),
    blocks,
  };
}

/** Someone picked a run's model as the country's best. */
export function pickedMessage(pick: BestModelPick, modelUrl: string): SlackMessage {
  const text =
    `:star: ${mention(pick.by.id)} picked model ${link(modelUrl, pick.solID)} as the best ${escapeMrkdwn(pick.country)} model` +
    (pick.note ? `: “${escapeMrkdwn(truncate(pick.note, 2000))}”` : ".");
  return {
    text: truncate(
      `${pick.by.name ?? pick.by.id} picked model ${pick.solID} as the best ${pick.country} model.`,
      3000,
    ),
    blocks: [{ type: "section", text: mrkdwn(text) }],
  };
}

/** A column label with the run's currency (the spec's `currency`), when it names one. */
function withCurrency(label: string, currency: string | undefined): string {
  return currency ? `${label} (${currency})` : label;
}
