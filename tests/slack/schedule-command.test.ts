/**
 * `/mmm schedule` over signed HTTP against the real app and the fake Slack API: a schedule is made for a
 * country's picked model (or refused, saying why), listed and cancelled; at its slot (a scheduler with a
 * fake clock over the app's own store, refresh path and Slack reporter) the refresh run's message is posted
 * in the channel and followed, and the channel hears when a slot fails or a channel's ROI leaves its
 * previous range. Every answer is within Block Kit's limits.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoRunRequest } from "../../core/lifecycle/demo-run.ts";
import { createLogger } from "../../core/logger.ts";
import type { Run, RunStatus } from "../../core/run.ts";
import type { Schedule } from "../../core/schedules/schedule.ts";
import { Scheduler } from "../../core/schedules/scheduler.ts";
import { assertWithinBlockKitLimits } from "./block-kit-checker.ts";
import { CHANNEL, USER, send, slashCommand } from "./slack-requests.ts";
import { startSlackTestApp, type SlackTestApp } from "./slack-test-app.ts";

let t: SlackTestApp;
let picked: Run;

async function waitFor(runId: string, statuses: RunStatus[], timeoutMs = 90_000): Promise<Run> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await t.app.services.runs.getRun(runId);
    if (run && statuses.includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} is ${run?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends `/mmm <text>` and returns the answer posted to its response URL, checked against Block Kit. */
async function command(text: string): Promise<{ text: string; blocks: unknown[]; all: string }> {
  const responseUrl = t.fake.responseUrl();
  const response = await send(t.eventsUrl, slashCommand(text, { responseUrl }));
  expect(response.status).toBe(200);
  const acked = await response.text();
  let params: Record<string, unknown>;
  if (acked) params = JSON.parse(acked) as Record<string, unknown>;
  else {
    const id = responseUrl.split("/").at(-1);
    await t.fake.waitFor(
      (calls) => calls.some((c) => c.method === "response_url" && c.params.response_id === id),
      30_000,
      `the answer to /mmm ${text}`,
    );
    params = t.fake.callsOf("response_url").find((c) => c.params.response_id === id)!.params;
  }
  const message = { text: String(params.text), blocks: (params.blocks ?? []) as unknown[] };
  assertWithinBlockKitLimits({ kind: "message", ...message });
  return { ...message, all: JSON.stringify(params) };
}

function posted(after: number, predicate: (params: Record<string, unknown>) => boolean) {
  return t.fake.calls
    .slice(after)
    .filter((c) => c.method === "chat.postMessage" && predicate(c.params))
    .map((c) => c.params);
}

beforeAll(async () => {
  // The app's own timer never fires during the test; the test ticks with its own clock.
  t = await startSlackTestApp({ SCHEDULER_TICK_SECONDS: "86400" });
  const demo = demoRunRequest();
  const { runs } = await t.app.services.lifecycle.start({
    ...demo,
    actor: { kind: "slack", id: USER.id, name: USER.name },
    spec: { ...demo.spec, iterations: 200, trials: 3 },
  });
  picked = await waitFor(runs[0]!.id, ["succeeded", "failed"]);
  expect(picked.status).toBe("succeeded");
  const best = (picked.summary as { best_model: { model_id: string } }).best_model.model_id;
  await t.app.services.runs.pickBest({
    country: picked.country,
    runId: picked.id,
    solID: best,
    by: { kind: "slack", id: USER.id },
    at: new Date().toISOString(),
  });
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

describe("/mmm schedule", () => {
  let schedule: Schedule;

  it("makes a schedule for the country's picked model, posting to the channel it was asked in", async () => {
    const answer = await command(`schedule ${picked.country.toLowerCase()} monthly`);
    expect(answer.text).toMatch(/^Scheduled sch-[0-9a-f]{8}: DE monthly/);
    [schedule] = await t.app.services.schedules.list();
    expect(schedule).toMatchObject({
      country: "DE",
      cadence: "monthly",
      cron: "0 6 1 * *",
      timezone: "UTC",
      channel: CHANNEL.id,
      source: { runId: picked.id },
      createdBy: { kind: "slack", id: USER.id },
    });
    expect(answer.all).toContain(`/mmm schedule cancel ${schedule.id}`);
  });

  it("refuses a country without a picked model and a bad cron expression, naming what is wrong", async () => {
    expect((await command("schedule FR weekly")).all).toContain("FR has no picked model to refresh");
    const badHour = await command('schedule DE "0 25 * * *"');
    expect(badHour.all).toContain("The hour field `25`");
    expect((await command("schedule DEU weekly")).all).toContain("is not a country code");
    const badZone = await command("schedule DE weekly tz Europe/Atlantis");
    expect(badZone.all).toContain("`Europe/Atlantis` is not a time zone");
    expect(await t.app.services.schedules.list()).toHaveLength(1);
  });

  it("lists the schedules with their time zones; one in Berlin has its slots at 06:00 there", async () => {
    const made = await command("schedule DE weekly tz europe/berlin");
    expect(made.all).toContain("weekly (Europe/Berlin)");
    const berlin = (await t.app.services.schedules.list()).find((s) => s.id !== schedule.id)!;
    expect(berlin.timezone).toBe("Europe/Berlin");
    const due = new Date(berlin.nextDue);
    const local = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Berlin",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
    }).format(due);
    expect(local).toBe("Mon 06:00");
    const answer = await command("schedule list");
    expect(answer.all).toContain(schedule.id);
    expect(answer.all).toContain("monthly (UTC)");
    expect(answer.all).toContain("weekly (Europe/Berlin)");
    await t.app.services.schedules.cancel(berlin.id, { kind: "slack", id: USER.id });
  });

  it("at its slot, posts the refresh run in the channel; a failed slot and a moved ROI alert the channel", async () => {
    const services = t.app.services;
    const time = Date.parse(schedule.nextDue) + 60_000;
    const scheduler = new Scheduler({
      runs: services.runs,
      refresh: (s) => services.schedules.refreshPick(s),
      reporter: services.schedules.reporters,
      now: () => new Date(time),
      logger: createLogger("silent"),
    });
    const before = t.fake.calls.length;
    const [slot] = await scheduler.tick();
    expect(slot?.runId).toBeDefined();
    expect(await scheduler.tick()).toEqual([]);
    const run = (await services.runs.getRun(slot!.runId!))!;
    expect(run.spec.refresh?.of.run).toBe(picked.id);
    await t.fake.waitFor(
      () => posted(before, (p) => p.channel === CHANNEL.id).length > 0,
      30_000,
      "the refresh run's message in the channel",
    );
    for (let i = 0; i < 100 && !(await services.runs.getRun(run.id))?.slack; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await services.runs.getRun(run.id))?.slack?.channel).toBe(CHANNEL.id);

    // The run ends without results (cancelled here): the channel hears why, once.
    const beforeEnd = t.fake.calls.length;
    await services.lifecycle.cancel(run.id, { kind: "system", id: "test" });
    await t.fake.waitFor(
      () => posted(beforeEnd, (p) => String(p.text).includes(`Scheduled refresh ${schedule.id}`)).length > 0,
      30_000,
      "the failure alert",
    );
    const stored = (await services.runs.getSchedule(schedule.id))!;
    expect(stored.lastOutcome).toMatchObject({ status: "failed", runId: run.id });

    // A finished refresh whose ROI left the previous range: the alert names the channel.
    const sentence = "TV ROI fell from 2.1 to 1.6, outside last month's range 1.8–2.4.";
    const beforeAlert = t.fake.calls.length;
    await services.schedules.reporters.finished(stored, run, [sentence]);
    const [alert] = posted(beforeAlert, (p) => p.channel === CHANNEL.id);
    expect(JSON.stringify(alert)).toContain("outside the previous model");
    expect(JSON.stringify(alert)).toContain("TV ROI fell from 2.1 to 1.6");
    assertWithinBlockKitLimits({
      kind: "message",
      text: String(alert!.text),
      blocks: alert!.blocks as unknown[],
    });
    // Nothing moved: no alert.
    const quiet = t.fake.calls.length;
    await services.schedules.reporters.finished(stored, run, []);
    expect(posted(quiet, () => true)).toEqual([]);
  });

  it("cancels a schedule for good", async () => {
    const answer = await command(`schedule cancel ${schedule.id}`);
    expect(answer.text).toContain(`Schedule ${schedule.id}`);
    expect(answer.text).toContain("cancelled");
    expect((await command("schedule list")).text).toBe("No schedules.");
    expect((await command("schedule cancel sch-00000000")).all).toContain(
      "There is no schedule sch-00000000",
    );
  });
});
