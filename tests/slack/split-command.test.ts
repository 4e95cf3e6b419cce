/**
 * `/mmm split` over signed HTTP against the real app and the fake Slack API, on the multi-country demo's DE and
 * FR trained through the app with each best model picked: the split is posted in the channel with the service's
 * numbers and a link to the viewer's page for the same split; a country without a pick and a wrong bound are
 * answered with what to do. Every answer is within Block Kit's limits.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitAcrossMarkets } from "../../core/budget-split/market-split.ts";
import { formatNumber } from "../../bot/blocks/format.ts";
import { trainAndPickMarkets } from "../support/multi-country-runs.ts";
import { assertWithinBlockKitLimits } from "./block-kit-checker.ts";
import { send, slashCommand } from "./slack-requests.ts";
import { startSlackTestApp, type SlackTestApp } from "./slack-test-app.ts";

let t: SlackTestApp;

beforeAll(async () => {
  t = await startSlackTestApp({ TRAINER_WORKERS: "2" });
  await trainAndPickMarkets(t.app.services, ["DE", "FR"], { iterations: 150, trials: 1 });
}, 300_000);
afterAll(async () => {
  await t?.stop();
});

/** Sends `/mmm <text>` and returns its answer (the ack's body, or the post to its response URL). */
async function command(text: string): Promise<{ params: Record<string, unknown>; all: string }> {
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
      60_000,
      `the answer to /mmm ${text}`,
    );
    params = t.fake.callsOf("response_url").find((c) => c.params.response_id === id)!.params;
  }
  assertWithinBlockKitLimits({
    kind: "message",
    text: String(params.text),
    blocks: (params.blocks ?? []) as unknown[],
  });
  return { params, all: JSON.stringify(params) };
}

describe("/mmm split", () => {
  it("posts the split of a budget across the picked markets, with a bound, in the channel", async () => {
    // US has no pick here: refused with the markets that have one.
    const { params, all } = await command("split 300k de fr us");
    expect(params.response_type).toBe("ephemeral");
    expect(String(params.text)).toBe(
      "US has no picked model: pick one for it first, or leave it out (markets with a picked model: DE, FR).",
    );
    expect(all).not.toContain("Budget split");
    expect(String((await command("split DE US=1")).params.text)).toBe(
      "US is not one of the markets in the split (DE): name only those, or add US to the split.",
    );

    const answer = await command("split 200k DE FR FR=0.9-1.1 DE.TV_S=1");
    expect(answer.params.response_type, String(answer.params.text)).toBe("in_channel");
    const expected = await splitAcrossMarkets(t.app.services, {
      countries: ["DE", "FR"],
      totalBudget: 200_000,
      marketBounds: { FR: { low: 0.9, up: 1.1 } },
      channelBounds: { "DE.TV_S": { low: 1, up: 1 } },
    });
    expect(String(answer.params.text)).toBe(
      `Budget split of 200,000 per week: revenue ${formatNumber(expected.totals.currentResponse)} → ` +
        `${formatNumber(expected.totals.response)} (+${formatNumber(expected.totals.responseGain)}, ` +
        `${(100 * expected.totals.responseGainShare).toFixed(2)} %)`,
    );
    const de = expected.markets.find((m) => m.name === "DE")!;
    const tv = de.channels.find((c) => c.name === "TV_S")!;
    expect(tv.spend).toBeCloseTo(tv.current, 6);
    expect(answer.all).toMatch(
      new RegExp(`DE TV_S +${formatNumber(tv.current)} +${formatNumber(tv.spend)} `),
    );
    expect(answer.all).toContain(
      "/budget-split?country=DE&country=FR&budget=200000&markets=FR%3D0.9-1.1&channels=DE.TV_S%3D1",
    );
  });

  it("meets a ROAS target with the largest budget whose best split returns it", async () => {
    const today = await splitAcrossMarkets(t.app.services, {});
    const target = Number((0.95 * (today.totals.response / today.totals.spend)).toFixed(3));
    const answer = await command(`split roas=${target}`);
    expect(answer.params.response_type, String(answer.params.text)).toBe("in_channel");
    const expected = await splitAcrossMarkets(t.app.services, { targetRoas: target });
    expect(expected.totals.response / expected.totals.spend).toBeCloseTo(target, 8);
    expect(answer.all).toContain(
      `ROAS target ${formatNumber(target)}: the largest budget whose best split returns it.`,
    );
    expect(String(answer.params.text)).toContain(`Budget split of ${formatNumber(expected.budget)} per week`);
  });

  it("answers a wrong word or bound with what to type", async () => {
    expect(String((await command("split lots")).params.text)).toMatch(
      /^`lots` is neither a budget \(one amount per week, such as 500k\), a country \(such as DE\) nor a bound/,
    );
    expect(String((await command("split FR=2-1")).params.text)).toMatch(
      /^`FR=2-1`: the lowest spend of FR \(2×\) is above its highest \(1×\)/,
    );
    expect(String((await command("split TV_X=1")).params.text)).toBe(
      "TV_X is not a paid channel of any market in the split: use one of TV_S, FACEBOOK_S, SEARCH_SPEND, YOUTUBE_SPEND, OOH_S (or DE.TV_S for one market).",
    );
  });
});
