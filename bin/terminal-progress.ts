/**
 * A training run's events as a person at a terminal reads them: one progress bar redrawn in place (done,
 * total, ETA), then one line for the outcome. Programs get the same events as JSON lines instead
 * (`stdoutSink`).
 */
import { eventSink, type EventSink } from "../trainer/event-sink.ts";
import type { CommandIo } from "./command-io.ts";

type Terminal = NonNullable<CommandIo["terminal"]>;

export function terminalProgressSink(terminal: Terminal, io: CommandIo): EventSink {
  let drawn = false;
  const clear = () => {
    if (drawn) terminal.write("\r\x1b[2K");
    drawn = false;
  };
  return eventSink(async (event) => {
    if (event.type === "progress") {
      terminal.write(`\r${progressLine(event, terminal.columns)}`);
      drawn = true;
      return;
    }
    clear();
    if (event.type === "started") io.stdout("Training started.");
    else if (event.type === "completed") {
      const summary = event.summary as {
        pareto_model_count?: number;
        best_model?: { model_id?: string };
        warnings?: string[];
      };
      for (const warning of summary.warnings ?? []) io.stderr(`note: ${warning}`);
      io.stdout(
        `Trained: ${summary.pareto_model_count ?? 0} Pareto models, best model ${summary.best_model?.model_id ?? "–"}` +
          (event.resources ? ` (${duration(event.resources.wallSeconds)})` : ""),
      );
    } else if (event.type === "failed") io.stderr(`Training failed: ${event.reason}`);
    else io.stderr(`Training cancelled${event.reason ? `: ${event.reason}` : ""}.`);
  });
}

/** `[#######-------]  45%  900/2000 models  ETA 0:12`, fitted to the terminal's width. */
export function progressLine(
  progress: { phase: string; done: number; total: number; etaSeconds?: number | undefined },
  columns: number,
): string {
  const share = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  const counts = `${String(Math.round(share * 100)).padStart(3)}%  ${progress.done}/${progress.total} models`;
  const eta = progress.etaSeconds === undefined ? "" : `  ETA ${duration(progress.etaSeconds)}`;
  const label = progress.phase === "searching" ? "" : `  ${progress.phase}`;
  const text = `  ${counts}${eta}${label}`;
  const width = Math.max(10, Math.min(40, columns - text.length - 3));
  const filled = Math.round(share * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]${text}`.slice(0, Math.max(0, columns - 1));
}

/** Seconds as m:ss (or h:mm:ss). */
export function duration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const s = String(total % 60).padStart(2, "0");
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
