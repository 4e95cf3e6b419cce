/**
 * The one channel message of a run, edited in place as the run goes: who started it, the data, the status
 * with a progress bar, models done, time left, the best objectives so far; buttons Cancel and Open in viewer.
 */
import { dataSourceLabel } from "../../core/data-source-label.ts";
import type { ActionsBlock, Button, KnownBlock } from "@slack/types";
import { isTerminal, type Run } from "../../core/run.ts";
import type { ModelSummary } from "../../engine/outputs/model-summary.ts";
import { LIMITS } from "./block-kit-limits.ts";
import {
  code,
  escapeMrkdwn,
  formatDuration,
  formatNumber,
  mention,
  progressBar,
  slackDate,
  truncate,
} from "./format.ts";
import { ACTION } from "./ids.ts";
import { mrkdwn, plain } from "./text-objects.ts";

export interface SlackMessage {
  /** The notification and screen-reader text. */
  text: string;
  blocks: KnownBlock[];
}

export interface RunMessageContext {
  viewerUrl: string;
  /** Position among the runs started together (several countries). */
  group?: { index: number; size: number };
}

/** The highlights `model_summary.json` leaves in `run.summary` once the run has succeeded. */
export type SummaryHighlights = Partial<Omit<ModelSummary, "pareto_models">>;

export function summaryOf(run: Run): SummaryHighlights | undefined {
  const summary = run.summary as SummaryHighlights | undefined;
  return summary && typeof summary.best_model === "object" ? summary : undefined;
}

const PHASES: Record<string, string> = {
  preparing: "preparing the data",
  searching: "searching hyperparameters",
  selecting: "selecting the Pareto-optimal models",
  clustering: "clustering the Pareto models",
};

export function runMessage(run: Run, context: RunMessageContext): SlackMessage {
  const spec = run.spec;
  const source =
    !spec.data || "sql" in spec.data ? dataSourceLabel(spec.data) : code(dataSourceLabel(spec.data));
  const models = spec.iterations * spec.trials;
  const fields = [
    mrkdwn(
      `*Started by*\n${run.createdBy.kind === "slack" ? mention(run.createdBy.id) : escapeMrkdwn(run.createdBy.name ?? run.createdBy.id)}`,
    ),
    mrkdwn(`*Data*\n${source}`, LIMITS.sectionFieldText),
    mrkdwn(`*Engine*\n${spec.engine} · ${spec.adstock}`),
    mrkdwn(`*Search*\n${formatNumber(spec.iterations)} × ${spec.trials} = ${formatNumber(models)} models`),
  ];
  if (spec.window_start || spec.window_end)
    fields.push(mrkdwn(`*Window*\n${spec.window_start ?? "start"} → ${spec.window_end ?? "end"}`));
  const status = statusText(run);
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(`MMM ${run.country}${run.tag ? ` · ${run.tag}` : ""}`, LIMITS.headerText) },
    { type: "section", fields },
    { type: "section", text: mrkdwn(status) },
    {
      type: "context",
      elements: [
        mrkdwn(
          [
            `Run ${code(run.id)}`,
            `started ${slackDate(run.createdAt)}`,
            ...(context.group && context.group.size > 1
              ? [`${context.group.index} of ${context.group.size} runs started together`]
              : []),
          ].join(" · "),
        ),
      ],
    },
    runActions(run, context.viewerUrl),
  ];
  const who = run.createdBy.name ?? run.createdBy.id;
  return {
    text: truncate(`MMM run ${run.country} (${run.id}) by ${who}: ${plainStatus(run)}`, 3000),
    blocks,
  };
}

function runActions(run: Run, viewerUrl: string): ActionsBlock {
  const elements: Button[] = [];
  if (!isTerminal(run.status)) {
    elements.push({
      type: "button",
      action_id: ACTION.cancelRun,
      text: plain("Cancel run", LIMITS.buttonText),
      style: "danger",
      value: run.id,
      confirm: {
        title: plain("Cancel this run?", LIMITS.confirmTitle),
        text: mrkdwn(
          `Training for ${escapeMrkdwn(run.country)} stops and its results are lost.`,
          LIMITS.confirmText,
        ),
        confirm: plain("Cancel run", LIMITS.confirmButton),
        deny: plain("Keep training", LIMITS.confirmButton),
      },
    });
  }
  elements.push({
    type: "button",
    action_id: ACTION.openViewer,
    text: plain("Open in viewer", LIMITS.buttonText),
    url: viewerUrl,
  });
  return { type: "actions", block_id: `run_actions`, elements };
}

/** The status line, progress bar and numbers of the message (mrkdwn). */
export function statusText(run: Run): string {
  switch (run.status) {
    case "queued":
      return ":hourglass: *Queued*: waiting for a free trainer.";
    case "preparing":
      return ":gear: *Preparing*: the data snapshot is written; the trainer is starting.";
    case "running":
      return runningText(run);
    case "succeeded": {
      const s = summaryOf(run);
      const took = run.resources?.wallSeconds ?? elapsedSeconds(run);
      const best = s?.best_model;
      return (
        `:white_check_mark: *Succeeded*${took !== undefined ? ` in ${formatDuration(took)}` : ""}` +
        (s
          ? `: ${formatNumber(s.pareto_model_count ?? 0)} Pareto models in ${s.pareto_fronts ?? "?"} fronts, ` +
            `${s.clusters?.k ?? "?"} clusters. Best model ${code(best?.model_id ?? "?")} ` +
            `(NRMSE ${formatNumber(best?.nrmse)}, DECOMP.RSSD ${formatNumber(best?.decomp_rssd)}, ` +
            `R² ${formatNumber(best?.rsq_train)}).`
          : ".") +
        " Results are in the thread."
      );
    }
    case "failed":
      return `:x: *Failed*: ${escapeMrkdwn(truncate(run.failure?.reason ?? "no reason was given", 1500))} Details in the thread.`;
    case "cancelled":
      return `:no_entry_sign: *Cancelled*: ${escapeMrkdwn(truncate(run.failure?.reason ?? "", 500))}`;
  }
}

function runningText(run: Run): string {
  const p = run.progress;
  if (!p) return ":running: *Training*: the trainer has started.";
  const phase = PHASES[p.phase] ?? escapeMrkdwn(p.phase);
  const searching = p.phase === "searching" && p.total > 0;
  const fraction = searching ? p.done / p.total : p.phase === "preparing" ? 0 : 1;
  const lines = [`:running: *Training*: ${phase}`, `\`${progressBar(fraction)}\``];
  const numbers: string[] = [];
  if (p.total > 0)
    numbers.push(`${formatNumber(Math.min(p.done, p.total))} of ${formatNumber(p.total)} models`);
  if (searching && p.etaSeconds !== undefined && p.done < p.total)
    numbers.push(`about ${formatDuration(p.etaSeconds)} left`);
  if (numbers.length > 0) lines.push(numbers.join(" · "));
  if (p.bestNrmse !== undefined || p.bestDecompRssd !== undefined)
    lines.push(
      `Best so far: NRMSE ${formatNumber(p.bestNrmse)} · DECOMP.RSSD ${formatNumber(p.bestDecompRssd)}`,
    );
  return lines.join("\n");
}

function plainStatus(run: Run): string {
  if (
    run.status === "running" &&
    run.progress &&
    run.progress.total > 0 &&
    run.progress.phase === "searching"
  )
    return `training, ${Math.floor((100 * run.progress.done) / run.progress.total)}% done`;
  if (run.status === "failed") return `failed: ${run.failure?.reason ?? ""}`;
  return run.status;
}

function elapsedSeconds(run: Run): number | undefined {
  if (!run.startedAt || !run.finishedAt) return undefined;
  return (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
}
