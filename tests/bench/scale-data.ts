/**
 * The scale case: three years of daily data with 30 paid channels, the size where memory, not time,
 * bounds a run (Cloud Run's default task has 1 GiB). Deterministic from a fixed seed, so every run of the
 * benchmark trains on the same table.
 *
 * Revenue = base + weekly and yearly season + Σ_channels beta · hill(adstock(spend)) + noise, with
 * channels of different sizes, carry-overs and saturation; spend is zero on some days, as in real data.
 */
import { createRng } from "../../engine/search/rng.ts";

export const SCALE_DAYS = 1096;
export const SCALE_CHANNELS = 30;
const FIRST_DAY = Date.UTC(2021, 0, 1);

export const scaleChannelNames = Array.from(
  { length: SCALE_CHANNELS },
  (_, c) => `channel_${String(c + 1).padStart(2, "0")}_S`,
);

/** The RunSpec of the scale case: every channel a paid spend, Prophet trend/season/weekday/holiday. */
export function scaleSpec(iterations: number, trials: number) {
  return {
    country: "DE",
    date_var: "DATE",
    dep_var: "revenue",
    dep_var_type: "revenue",
    paid_media_spends: scaleChannelNames,
    context_vars: ["competitor_sales"],
    prophet_vars: ["trend", "season", "weekday", "holiday"],
    adstock: "geometric",
    iterations,
    trials,
    seed: 123,
  };
}

export function scaleCsv(): string {
  const rng = createRng(20_250_101);
  const channels = scaleChannelNames.map((_, c) => ({
    level: 500 + 4000 * rng.next(),
    activeShare: 0.5 + 0.5 * rng.next(),
    theta: 0.05 + 0.6 * rng.next(),
    gamma: 0.3 + 0.6 * rng.next(),
    beta: (2000 + 8000 * rng.next()) * (c % 3 === 0 ? 2 : 1),
    carry: 0,
  }));
  const lines = [["DATE", "revenue", "competitor_sales", ...scaleChannelNames].join(",")];
  for (let t = 0; t < SCALE_DAYS; t++) {
    const date = new Date(FIRST_DAY + t * 86_400_000).toISOString().slice(0, 10);
    const weekday = new Date(FIRST_DAY + t * 86_400_000).getUTCDay();
    const season =
      8000 * Math.sin((2 * Math.PI * t) / 365.25) + (weekday === 0 || weekday === 6 ? -5000 : 2000);
    const competitor = 20_000 + 3000 * Math.sin((2 * Math.PI * t) / 91) + 1000 * rng.normal();
    let revenue = 60_000 + 10 * t + season + 0.3 * competitor + 2000 * rng.normal();
    const spends = channels.map((channel) => {
      const spend = rng.next() < channel.activeShare ? channel.level * (0.2 + 1.6 * rng.next()) : 0;
      channel.carry = spend + channel.theta * channel.carry;
      const scaled = channel.carry / (channel.level * 2);
      revenue += (channel.beta * scaled) / (scaled + channel.gamma);
      return spend;
    });
    lines.push(
      [date, revenue.toFixed(2), competitor.toFixed(2), ...spends.map((s) => s.toFixed(2))].join(","),
    );
  }
  return lines.join("\n") + "\n";
}
