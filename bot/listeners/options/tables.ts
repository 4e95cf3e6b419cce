/**
 * Type-ahead of the table picker (`block_suggestion`): the warehouse's tables whose name contains what was
 * typed, at most 100 (Slack's limit), answered within the ack budget or with what the cache already has.
 * When saved preparations match too, the answer is two option groups: the preparations (a run from one
 * takes its market and variables, so the variables step is skipped), then the tables.
 */
import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { settleWithin } from "../../ack-budget.ts";
import { LIMITS } from "../../blocks/block-kit-limits.ts";
import { plain } from "../../blocks/text-objects.ts";
import { preparationOption, tableOption } from "../../train/table-option.ts";

type Args = AllMiddlewareArgs & SlackOptionsMiddlewareArgs<"block_suggestion">;

export function tableOptions(context: BotContext) {
  return async function onTableOptions({ ack, options, logger }: Args): Promise<void> {
    const search = options.value.trim();
    const [listed, prepared] = await Promise.all([
      settleWithin(context.services.warehouse.listTables(search || undefined), context.ackBudgetMs),
      settleWithin(context.services.preparations.list(), context.ackBudgetMs),
    ]);
    const preparations =
      prepared.status === "done"
        ? prepared.value.filter((p) => p.name.includes(search.toLowerCase())).slice(0, LIMITS.selectOptions)
        : [];
    if (listed.status === "failed") logger.warn(`listing tables failed: ${(listed.error as Error).message}`);
    const tables =
      listed.status === "done" ? listed.value.slice(0, LIMITS.selectOptions).map(tableOption) : [];
    if (preparations.length === 0) {
      await ack({ options: tables });
      return;
    }
    await ack({
      option_groups: [
        {
          label: plain("Saved preparations", LIMITS.optionGroupLabel),
          options: preparations.map(preparationOption),
        },
        ...(tables.length > 0
          ? [{ label: plain("Warehouse tables", LIMITS.optionGroupLabel), options: tables }]
          : []),
      ],
    });
  };
}
