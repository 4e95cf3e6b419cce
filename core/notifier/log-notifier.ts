/** The embedded Notifier: one structured log line per run change. */
import type { Logger } from "pino";
import type { Notifier } from "./port.ts";

export function logNotifier(logger: Logger): Notifier {
  return {
    kind: "log",
    async runCreated(run) {
      logger.info(
        { runId: run.id, country: run.country, status: run.status, by: run.createdBy.id },
        "run created",
      );
    },
    async runUpdated({ run, previousStatus }) {
      if (run.status === previousStatus) {
        logger.debug({ runId: run.id, progress: run.progress }, "run progress");
        return;
      }
      logger.info(
        {
          runId: run.id,
          from: previousStatus,
          to: run.status,
          ...(run.failure ? { reason: run.failure.reason } : {}),
        },
        "run status changed",
      );
    },
  };
}
