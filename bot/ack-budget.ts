/**
 * Slack wants an answer within 3 seconds. A listener that may answer with the result of slow work (checking
 * the data of a submission) races the work against a budget: done in time, it answers with the result
 * (`response_action: "errors"` on the exact field); not done, it answers with a loading state and shows the
 * result later with `views.update`. The work is never cancelled: it keeps going in both cases.
 */
export type Settled<T> =
  | { status: "done"; value: T }
  | { status: "failed"; error: unknown }
  | { status: "pending"; promise: Promise<T> };

export async function settleWithin<T>(promise: Promise<T>, budgetMs: number): Promise<Settled<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), Math.max(0, budgetMs));
  });
  try {
    const first = await Promise.race([
      promise.then(
        (value) => ({ status: "done", value }) as const,
        (error: unknown) => ({ status: "failed", error }) as const,
      ),
      late,
    ]);
    return first === "late" ? { status: "pending", promise } : first;
  } finally {
    clearTimeout(timer);
  }
}
