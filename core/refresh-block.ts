/**
 * The RunSpec's `refresh` block: a run that refreshes another run's model (`engine/refresh/refresh-spec.ts`
 * derives it; `engine/refresh/refresh-settings.ts` says what each field is for). Validated like the rest of
 * the spec so the trainer, the app and the R trainer read the same document.
 */
import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date written YYYY-MM-DD" });
const figure = z.number().finite().nullable();

export const RefreshBlock = z.strictObject({
  of: z.strictObject({ run: z.string().min(1), model: z.string().min(1) }),
  steps: z.number().int().min(1),
  freedom: z.number().finite().nonnegative(),
  added_start: isoDate,
  parent: z.strictObject({
    window_start: isoDate,
    window_end: isoDate,
    window_rows: z.number().int().min(1),
    hyperparameters: z.record(z.string(), z.number().finite()),
    decomposition: z.record(z.string(), z.number().finite()),
    channels: z.array(
      z.strictObject({
        channel: z.string().min(1),
        roi_total: figure,
        cpa_total: figure,
        effect_share: figure,
        spend_share: figure,
        mean_spend: figure,
        mroi: figure,
        interval: z.strictObject({ low: z.number().finite(), up: z.number().finite() }).nullable(),
      }),
    ),
  }),
  restated: z.array(
    z.strictObject({
      column: z.string().min(1),
      periods: z.number().int().min(1),
      first_date: isoDate,
      last_date: isoDate,
    }),
  ),
});
