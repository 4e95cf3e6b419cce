/**
 * The preparation a run's settings ask for, or undefined when the data needs none (see
 * `needsPreparation`). The trainer and the app's pre-launch check both call this, so that the checks
 * before a launch see the same table the trainer will model.
 */
import type { Table } from "../../common/table.ts";
import { needsPreparation, prepareData, type PreparedData } from "./prepare-data.ts";
import { preparationOptionsFor, type PreparationSettings } from "./preparation-options.ts";

export function prepareForTraining(table: Table, settings: PreparationSettings): PreparedData | undefined {
  const options = preparationOptionsFor(settings);
  return needsPreparation(table, options) ? prepareData(table, options) : undefined;
}
