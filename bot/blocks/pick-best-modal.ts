/** The "Pick as best" modal: which model of the run becomes the country's best, and why. */
import type { ModalView, PlainTextOption } from "@slack/types";
import type { Run } from "../../core/run.ts";
import { LIMITS } from "./block-kit-limits.ts";
import { escapeMrkdwn } from "./format.ts";
import { ACTION, PICK_BLOCK, VIEW } from "./ids.ts";
import { summaryOf } from "./run-message.ts";
import { mrkdwn, option, plain } from "./text-objects.ts";

/** What the modal and its submission carry: the run and where to answer. */
export interface RunModalMetadata {
  runId: string;
  channel?: string;
  threadTs?: string;
}

/** The cluster-top models of a run (best first) as options; the value is the solID. */
export function modelOptions(run: Run): PlainTextOption[] {
  const s = summaryOf(run);
  const best = s?.best_model?.model_id;
  const tops = [...(s?.clusters?.top_models ?? [])].sort(
    (a, b) => Number(b.model_id === best) - Number(a.model_id === best) || a.cluster - b.cluster,
  );
  const options = tops
    .filter((t) => t.model_id.length <= LIMITS.optionValue)
    .map((t) =>
      option(
        `${t.model_id}${t.model_id === best ? " (best)" : ""}`,
        t.model_id,
        `cluster ${t.cluster}, ${t.size} models`,
      ),
    );
  if (options.length === 0 && best) options.push(option(`${best} (best)`, best));
  return options.slice(0, LIMITS.selectOptions);
}

export function pickBestView(run: Run, metadata: RunModalMetadata): ModalView {
  const options = modelOptions(run);
  return {
    type: "modal",
    callback_id: VIEW.pickBest,
    title: plain("Pick the best model", LIMITS.modalTitle),
    submit: plain("Pick", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      {
        type: "section",
        text: mrkdwn(
          `The model you pick becomes the best ${escapeMrkdwn(run.country)} model: the viewer, the API and ` +
            "`/mmm best` show it until someone picks another.",
        ),
      },
      {
        type: "input",
        block_id: PICK_BLOCK.model,
        label: plain("Model", LIMITS.inputLabel),
        element: {
          type: "static_select",
          action_id: ACTION.value,
          options,
          ...(options[0] ? { initial_option: options[0] } : {}),
        },
      },
      {
        type: "input",
        block_id: PICK_BLOCK.note,
        optional: true,
        label: plain("Why this one?", LIMITS.inputLabel),
        element: { type: "plain_text_input", action_id: ACTION.value, multiline: true, max_length: 1000 },
      },
    ],
  };
}
