/**
 * The model page's "next euro" table: each paid channel's mROI at its mean spend and the response from 10 % more,
 * ranked by that gain (engine `marginalReturns` on the curve the run's output rows describe). A run written
 * before the curve's columns existed has no table, and the page says which column is missing instead of failing.
 */
import { isMmmError } from "../../common/errors.ts";
import {
  marginalReturns,
  paidChannelCurves,
  rankNextBudget,
  type ChannelMarginalReturn,
} from "../../engine/response/index.ts";

export type MarginalView =
  { readonly ranked: readonly ChannelMarginalReturn[] } | { readonly missing: string };

export function marginalView(
  model: Readonly<Record<string, number | string>>,
  variables: readonly Readonly<Record<string, number | string>>[],
): MarginalView {
  try {
    return { ranked: rankNextBudget(marginalReturns(paidChannelCurves(variables, model))) };
  } catch (error) {
    if (isMmmError(error)) return { missing: error.message };
    throw error;
  }
}
