import { describe, expect, it } from "vitest";
import { stuckReason } from "./stuck-run.ts";

const run = {
  createdAt: "2026-01-01T09:00:00.000Z",
  startedAt: "2026-01-01T10:00:10.000Z",
  lastHeartbeatAt: "2026-01-01T10:04:00.000Z",
};
const execution = { startedAt: "2026-01-01T10:00:00.000Z" };
const at = (iso: string) => ({ now: new Date(iso), silenceSeconds: 300, maxRunSeconds: 3600 });

describe("stuckReason", () => {
  it("lets a run go on while it is heard from within the silence limit and the maximum run time", () => {
    expect(stuckReason(run, execution, at("2026-01-01T10:08:59.000Z"))).toBeUndefined();
  });

  it("stops a run silent past the limit, counting from its last event", () => {
    expect(stuckReason(run, execution, at("2026-01-01T10:09:01.000Z"))).toMatch(
      /^The trainer sent nothing for 5 min \(TRAINER_SILENCE_SECONDS is 300\)/,
    );
  });

  it("counts silence from the current execution's start when that is later (a merge just launched)", () => {
    const merge = { startedAt: "2026-01-01T10:20:00.000Z" };
    expect(stuckReason(run, merge, at("2026-01-01T10:24:00.000Z"))).toBeUndefined();
  });

  it("stops a run that keeps reporting past the maximum run time, counting from the run's start", () => {
    const chatty = { ...run, lastHeartbeatAt: "2026-01-01T11:00:05.000Z" };
    expect(stuckReason(chatty, execution, at("2026-01-01T11:00:20.000Z"))).toMatch(
      /^The run was still training after 60 min, longer than the maximum run time \(TRAINER_MAX_RUN_SECONDS is 3600\)/,
    );
    const noMaximum = { ...at("2026-01-01T11:00:20.000Z"), maxRunSeconds: undefined };
    expect(stuckReason(chatty, execution, noMaximum)).toBeUndefined();
  });
});
