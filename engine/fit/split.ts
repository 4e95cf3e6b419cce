/**
 * Robyn's chronological train / validation / test split of the window (`ts_validation`; method notes §3.2):
 * n_train = floor(quantile(1:n, train_size)), n_val = floor((1 − train_size)/2 · n), test = the rest.
 * With train_size = 1 everything is training.
 */
import { quantileOfSequence } from "../stats/r-numbers.ts";

export interface Split {
  nTrain: number;
  nVal: number;
  nTest: number;
}

export function timeSeriesSplit(n: number, trainSize: number): Split {
  if (trainSize >= 1) return { nTrain: n, nVal: 0, nTest: 0 };
  const nTrain = Math.floor(quantileOfSequence(n, trainSize));
  const nVal = Math.floor(((1 - trainSize) / 2) * n);
  return { nTrain, nVal, nTest: n - nTrain - nVal };
}
