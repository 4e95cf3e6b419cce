/**
 * Run ids carry the full UTC time (the replaced product's `MMDD_HHMMSS` folders had no year and collided),
 * the market (as `marketSlug` shortens it) and a random suffix: `20261126T043012Z-de-7f3a9c`,
 * `20261126T043012Z-geo3-0b1c2d`. They sort by creation time.
 */
import { randomBytes } from "node:crypto";
import { marketSlug } from "./market.ts";

export function newRunId(market: string, now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
  return `${stamp}-${marketSlug(market)}-${randomBytes(3).toString("hex")}`;
}

const RUN_ID = /^\d{8}T\d{6}Z-[a-z0-9]{1,12}-[0-9a-f]{6}$/;

export function isRunId(value: string): boolean {
  return RUN_ID.test(value);
}
