/**
 * Type-ahead of the table picker (`block_suggestion`): the warehouse's tables whose name contains what was
 * typed, at most 100 (Slack's limit), answered within the ack budget or with what the cache already has.
 */
import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { settleWithin } from "../../ack-budget.ts";
import { LIMITS } from "../../blocks/block-kit-limits.ts";
import { tableOption } from "../../train/table-option.ts";

type Args = AllMiddlewareArgs & SlackOptionsMiddlewareArgs<"block_suggestion">;

export function tableOptions(context: BotContext) {
  return async function onTableOptions({ ack, options, logger }: Args): Promise<void> {
    const search = options.value.trim();
    const listed = await settleWithin(
      context.services.warehouse.listTables(search || undefined),
      context.ackBudgetMs,
    );
    if (listed.status !== "done") {
      if (listed.status === "failed")
        logger.warn(`listing tables failed: ${(listed.error as Error).message}`);
      await ack({ options: [] });
      return;
    }
    await ack({ options: listed.value.slice(0, LIMITS.selectOptions).map(tableOption) });
  };
}
