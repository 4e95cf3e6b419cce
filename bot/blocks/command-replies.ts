/** The answers of `/mmm help`, `runs`, `best` and `compare` (status reuses the run message). */
import { dataSourceLabel } from "../../core/data-source-label.ts";
import type { KnownBlock } from "@slack/types";
import type { Run } from "../../core/run.ts";
import type { BestModelPick } from "../../core/run-store/port.ts";
import type { ViewerTarget } from "../viewer-link.ts";
import { USAGE } from "../mmm-command.ts";
import { LIMITS } from "./block-kit-limits.ts";
import {
  code,
  codeBlock,
  escapeMrkdwn,
  formatNumber,
  link,
  mention,
  slackDate,
  textTable,
  truncate,
} from "./format.ts";
import { STATUS_EMOJI } from "./home.ts";
import { summaryOf, type SlackMessage } from "./run-message.ts";
import { chunkLines, mrkdwn } from "./text-objects.ts";

type Link = (target: ViewerTarget) => string;

const HELP: Record<keyof typeof USAGE, string> = {
  help: "this list",
  train: "opens the form to train a model: data, variables, settings",
  runs: "the latest runs, of one country if you name it",
  status: "where a run is",
  cancel: "stops a run that has not finished",
  best: "the model picked as best, per country",
  allocate:
    "splits a budget across channels with one model of a run; bound a channel by multiples of today's spend, e.g. `tv_S=0.8-1.2` (`tv_S=1` keeps it as it is)",
  response:
    "what a spend on one channel returns with one model of a run (over the last period unless you give dates)",
  scenario:
    "the predicted outcome of the last weeks' spend again × a multiplier with one model of a run (4 weeks unless you say), with its range",
  compare: "two runs side by side",
  split:
    "splits a total budget per week (today's when not given; or the largest one meeting `roas=X`) across the countries' picked models and their channels, for the most total response; bound a market's total (`US=0.9-1.1`) or a channel (`TV_S=0.8-1.2`, `DE.TV_S=1`) by multiples of today's spend",
  lift: "the lift studies remembered for a country (add, edit, remove; or import CSV lines): its next runs calibrate with them",
  schedule:
    "refreshes a country's picked model on new data every week, month or cron slot, posting the results here; list and cancel schedules",
};

export function helpMessage(): SlackMessage {
  const lines = (Object.keys(USAGE) as (keyof typeof USAGE)[]).map((k) => `\`${USAGE[k]}\`: ${HELP[k]}`);
  return {
    text: `MMM Trainer commands: ${Object.values(USAGE).join(", ")}`,
    blocks: [
      { type: "section", text: mrkdwn(`*MMM Trainer*\n${lines.join("\n")}`) },
      {
        type: "context",
        elements: [
          mrkdwn(
            "Your own data: share a CSV, Parquet or XLSX file with me (here in a channel I am in, or in my DM) " +
              "and I read it as a dataset you can train on.",
          ),
        ],
      },
    ],
  };
}

export function runsListMessage(
  runs: readonly Run[],
  country: string | undefined,
  viewer: Link,
): SlackMessage {
  const scope = country ? `${country} runs` : "runs";
  if (runs.length === 0) {
    return {
      text: `No ${scope} yet.`,
      blocks: [
        { type: "section", text: mrkdwn(`No ${escapeMrkdwn(scope)} yet. Start one with \`/mmm train\`.`) },
      ],
    };
  }
  const lines = runs.map((run) => {
    const best = summaryOf(run)?.best_model;
    return (
      `${STATUS_EMOJI[run.status]} ${link(viewer({ run: run.id }), run.id)} · *${escapeMrkdwn(run.country)}*` +
      `${run.tag ? ` · ${escapeMrkdwn(truncate(run.tag, 60))}` : ""} · ${run.status}` +
      (best ? ` · best ${code(best.model_id)} (NRMSE ${formatNumber(best.nrmse)})` : "") +
      ` · ${slackDate(run.createdAt, "{date_short}")}`
    );
  });
  const blocks: KnownBlock[] = [{ type: "section", text: mrkdwn(`*The latest ${escapeMrkdwn(scope)}*`) }];
  for (const chunk of chunkLines(lines).slice(0, LIMITS.messageBlocks - 1))
    blocks.push({ type: "section", text: mrkdwn(chunk) });
  return { text: `The latest ${scope}: ${runs.map((r) => r.id).join(", ")}`.slice(0, 3000), blocks };
}

export function bestMessage(
  picks: readonly BestModelPick[],
  country: string | undefined,
  viewer: Link,
): SlackMessage {
  if (picks.length === 0) {
    const none = country ? `No best model picked for ${country} yet.` : "No best model picked yet.";
    return {
      text: none,
      blocks: [{ type: "section", text: mrkdwn(`${none} Use *Pick as best* in a run's thread.`) }],
    };
  }
  const lines = picks.map(
    (p) =>
      `*${escapeMrkdwn(p.country)}*: model ${link(viewer({ run: p.runId, model: p.solID }), p.solID)} of run ` +
      `${code(p.runId)}, picked by ${p.by.kind === "slack" ? mention(p.by.id) : escapeMrkdwn(p.by.name ?? p.by.id)} ` +
      `${slackDate(p.at, "{date_short}")}` +
      (p.note ? `: “${escapeMrkdwn(truncate(p.note, 300))}”` : ""),
  );
  const blocks: KnownBlock[] = chunkLines(lines)
    .slice(0, LIMITS.messageBlocks)
    .map((chunk) => ({ type: "section", text: mrkdwn(chunk) }));
  return {
    text: `Best models: ${picks.map((p) => `${p.country} ${p.solID}`).join(", ")}`.slice(0, 3000),
    blocks,
  };
}

export function compareMessage(a: Run, b: Run, viewer: Link): SlackMessage {
  const sa = summaryOf(a);
  const sb = summaryOf(b);
  const spec = (r: Run) => r.spec;
  const source = (r: Run) => dataSourceLabel(r.spec.data);
  const rows: string[][] = [
    ["country", a.country, b.country],
    ["status", a.status, b.status],
    ["data", source(a), source(b)],
    ["search", `${spec(a).iterations}×${spec(a).trials}`, `${spec(b).iterations}×${spec(b).trials}`],
    ["adstock", spec(a).adstock, spec(b).adstock],
    [
      "window",
      `${spec(a).window_start ?? "all"}..${spec(a).window_end ?? ""}`,
      `${spec(b).window_start ?? "all"}..${spec(b).window_end ?? ""}`,
    ],
    ["paid channels", String(spec(a).paid_media_spends.length), String(spec(b).paid_media_spends.length)],
    ["pareto models", String(sa?.pareto_model_count ?? "—"), String(sb?.pareto_model_count ?? "—")],
    ["clusters", String(sa?.clusters?.k ?? "—"), String(sb?.clusters?.k ?? "—")],
    ["best model", sa?.best_model?.model_id ?? "—", sb?.best_model?.model_id ?? "—"],
    ["NRMSE", formatNumber(sa?.best_model?.nrmse), formatNumber(sb?.best_model?.nrmse)],
    ["DECOMP.RSSD", formatNumber(sa?.best_model?.decomp_rssd), formatNumber(sb?.best_model?.decomp_rssd)],
    ["R² train", formatNumber(sa?.best_model?.rsq_train), formatNumber(sb?.best_model?.rsq_train)],
    ["MAPE", formatNumber(sa?.best_model?.mape), formatNumber(sb?.best_model?.mape)],
  ];
  const channels = [
    ...new Set([
      ...(sa?.best_model?.channels ?? []).map((c) => c.channel),
      ...(sb?.best_model?.channels ?? []).map((c) => c.channel),
    ]),
  ];
  const metric = a.spec.dep_var_type === "conversion" ? "CPA" : "ROI";
  for (const channel of channels) {
    const of = (s: typeof sa) => {
      const c = s?.best_model?.channels?.find((x) => x.channel === channel);
      return formatNumber(metric === "CPA" ? c?.cpa_total : c?.roi_total);
    };
    rows.push([`${metric} ${channel}`, of(sa), of(sb)]);
  }
  const table = textTable(["", "A", "B"], rows);
  return {
    text: `Comparing ${a.id} and ${b.id}`,
    blocks: [
      {
        type: "section",
        text: mrkdwn(
          `*Comparing* A ${link(viewer({ run: a.id }), a.id)} and B ${link(viewer({ run: b.id }), b.id)}`,
        ),
      },
      { type: "section", text: mrkdwn(codeBlock(table)) },
    ],
  };
}
