/** Buttons and menus, by action id. */
import type { App, BlockAction, ButtonAction, ExternalSelectAction, OverflowAction } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { ACTION } from "../../blocks/ids.ts";
import { cancelBatchButton, startBatchButton } from "./batch-buttons.ts";
import { cancelRun } from "./cancel-run.ts";
import { liftAdd, liftFromTrain, liftStudyMenu } from "./lift-studies.ts";
import { newRun } from "./new-run.ts";
import { openViewer } from "./open-viewer.ts";
import { refreshRun } from "./refresh-run.ts";
import { allocate, pickBest, rerun } from "./run-modals.ts";
import { tableSelected } from "./table-selected.ts";
import { trainDataset } from "./train-dataset.ts";

export function registerActions(app: App, context: BotContext): void {
  app.action<BlockAction<ExternalSelectAction>>(ACTION.tableSelected, tableSelected(context));
  app.action<BlockAction<ButtonAction>>(ACTION.cancelRun, cancelRun(context));
  app.action<BlockAction<ButtonAction>>(ACTION.pickBest, pickBest(context));
  app.action<BlockAction<ButtonAction>>(ACTION.allocate, allocate(context));
  app.action<BlockAction<ButtonAction>>(ACTION.rerun, rerun(context));
  app.action<BlockAction<ButtonAction>>(ACTION.refresh, refreshRun(context));
  app.action<BlockAction<ButtonAction>>(ACTION.newRun, newRun(context));
  app.action<BlockAction<ButtonAction>>(ACTION.trainDataset, trainDataset(context));
  app.action<BlockAction<ButtonAction>>(ACTION.startBatch, startBatchButton(context));
  app.action<BlockAction<ButtonAction>>(ACTION.cancelBatch, cancelBatchButton(context));
  app.action(ACTION.openViewer, openViewer);
  app.action<BlockAction<ButtonAction>>(ACTION.liftAdd, liftAdd);
  app.action<BlockAction<ButtonAction>>(ACTION.liftFromTrain, liftFromTrain(context));
  app.action<BlockAction<OverflowAction>>(ACTION.liftStudyMenu, liftStudyMenu(context));
}
