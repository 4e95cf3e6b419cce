/**
 * What a column's name says about its role, before its values are looked at.
 *
 * Names are split into words at `_`, `-`, `.`, spaces and lower-to-upper case changes, and compared
 * case-insensitively. The suffix and prefix lists extend the replaced product's auto-tagging rules
 * (spends `_cost, _spend, _costs, _spends, _budget, _amount`; exposures `_impressions, _clicks,
 * _sessions`; context `_index, _temp, _price, _holiday`; organic `_organic, _direct`; factors `_flag,
 * _is, _on`) with Robyn's one-letter conventions (`_S` spend, `_I` impressions, `_P` clicks, `_B`
 * baseline/context). As there, organic and context markers are checked before spend and exposure
 * markers, so `SEARCH_ORGANIC_CLICKS` is organic and `COMPETITOR_SALES` is context.
 */

export interface NameWord {
  /** Lower case, for matching. */
  readonly word: string;
  /** As written in the column name, for messages. */
  readonly text: string;
}

export type NameRole =
  | "date"
  | "country"
  | "organic"
  | "context"
  | "paid_media_spend"
  | "paid_media_var"
  | "factor"
  | "dep_var"
  | "media_channel";

export type ExposureKind = "impressions" | "clicks" | "grps" | "views" | "sessions";

export interface NameMatch {
  readonly role: NameRole;
  /** What matched, as a person would recognise it: `_S`, `SPEND_`, `competitor`. */
  readonly marker: string;
  readonly place: "suffix" | "prefix" | "word" | "name";
  /** For exposures: what they count. */
  readonly exposureKind?: ExposureKind;
  /** For goals: revenue or conversions, when the name says which. */
  readonly goalType?: "revenue" | "conversion";
}

const DATE_NAMES = new Set([
  "date",
  "ds",
  "datum",
  "fecha",
  "data",
  "day",
  "week",
  "week_start",
  "period",
  "dt",
  "month",
]);
const COUNTRY_WORDS = new Set(["country", "market", "locale", "geo", "country_code", "country_iso", "iso"]);

const ORGANIC_SUFFIXES = new Set(["organic", "direct", "owned", "earned"]);
const CONTEXT_SUFFIXES = new Set([
  "b",
  "index",
  "idx",
  "temp",
  "temperature",
  "price",
  "prices",
  "holiday",
  "holidays",
]);
const CONTEXT_WORDS = new Set([
  "competitor",
  "competitors",
  "competition",
  "price",
  "pricing",
  "weather",
  "temperature",
  "inflation",
  "unemployment",
  "gdp",
  "cpi",
  "macro",
]);
const SPEND_SUFFIXES = new Set([
  "s",
  "spend",
  "spends",
  "spending",
  "cost",
  "costs",
  "budget",
  "amount",
  "investment",
  "invest",
]);
const SPEND_PREFIXES = new Set(["spend", "cost", "costs"]);
const EXPOSURE_WORDS: Readonly<Record<string, ExposureKind>> = {
  i: "impressions",
  impressions: "impressions",
  impression: "impressions",
  impr: "impressions",
  imps: "impressions",
  imp: "impressions",
  p: "clicks",
  clicks: "clicks",
  click: "clicks",
  grp: "grps",
  grps: "grps",
  trp: "grps",
  trps: "grps",
  views: "views",
  view: "views",
  reach: "views",
  insertions: "views",
  sessions: "sessions",
  session: "sessions",
  visits: "sessions",
};
const FACTOR_SUFFIXES = new Set(["flag", "is", "on", "dummy"]);
const FACTOR_PREFIXES = new Set(["is", "has"]);
const FACTOR_WORDS = new Set([
  "promo",
  "promotion",
  "promotions",
  "event",
  "events",
  "holiday",
  "holidays",
  "launch",
]);
const REVENUE_WORDS = new Set([
  "revenue",
  "revenues",
  "rev",
  "gmv",
  "nmv",
  "sales",
  "turnover",
  "income",
  "bookings",
]);
const CONVERSION_WORDS = new Set([
  "conversions",
  "conversion",
  "conv",
  "orders",
  "order",
  "signups",
  "signup",
  "leads",
  "lead",
  "installs",
  "install",
  "purchases",
  "purchase",
  "transactions",
  "subscriptions",
  "subscribers",
  "registrations",
  "units",
  "customers",
  "acquisitions",
  "downloads",
  "trials",
  "applications",
  "deposits",
  "checkouts",
]);
const GOAL_WORDS = new Set(["kpi", "target", "goal", "response", "y"]);
const ORGANIC_CHANNEL_WORDS = new Set([
  "newsletter",
  "newsletters",
  "email",
  "emails",
  "crm",
  "push",
  "sms",
  "seo",
  "referral",
  "referrals",
  "blog",
]);
/** Paid channels recognised in a name without a spend or exposure marker (a weak hint only). */
export const MEDIA_CHANNEL_WORDS = new Set([
  "tv",
  "radio",
  "print",
  "ooh",
  "dooh",
  "outdoor",
  "cinema",
  "podcast",
  "facebook",
  "fb",
  "meta",
  "instagram",
  "google",
  "search",
  "sem",
  "ppc",
  "youtube",
  "display",
  "programmatic",
  "video",
  "social",
  "tiktok",
  "snapchat",
  "pinterest",
  "linkedin",
  "twitter",
  "bing",
  "amazon",
  "affiliate",
  "affiliates",
  "influencer",
  "influencers",
]);

export function splitName(name: string): NameWord[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9$]+/)
    .filter((w) => w !== "")
    .map((text) => ({ word: text.toLowerCase(), text }));
}

/** The first rule a name matches, in the order described at the top of this file; undefined if none. */
export function matchName(name: string): NameMatch | undefined {
  const words = splitName(name);
  if (words.length === 0) return undefined;
  const all = words.map((w) => w.word);
  const first = words[0]!;
  const last = words.at(-1)!;
  const joined = all.join("_");
  const several = words.length > 1;
  const suffix = (w: NameWord) => `_${w.text}`;
  const prefix = (w: NameWord) => `${w.text}_`;

  if (
    DATE_NAMES.has(joined) ||
    (several && (last.word === "date" || last.word === "dt" || first.word === "date"))
  ) {
    return { role: "date", marker: name, place: "name" };
  }
  if (
    COUNTRY_WORDS.has(joined) ||
    (several && COUNTRY_WORDS.has(first.word) && ["code", "iso", "id"].includes(last.word))
  ) {
    return { role: "country", marker: name, place: "name" };
  }
  if (all.includes("organic")) return { role: "organic", marker: "organic", place: "word" };
  if (several && ORGANIC_SUFFIXES.has(last.word))
    return { role: "organic", marker: suffix(last), place: "suffix" };
  // `is_holiday` is a switch before it is a holiday count.
  if (several && FACTOR_PREFIXES.has(first.word))
    return { role: "factor", marker: prefix(first), place: "prefix" };
  if (several && CONTEXT_SUFFIXES.has(last.word))
    return { role: "context", marker: suffix(last), place: "suffix" };
  const contextWord = words.find((w) => CONTEXT_WORDS.has(w.word));
  if (contextWord) return { role: "context", marker: contextWord.text, place: "word" };
  if (several && SPEND_SUFFIXES.has(last.word))
    return { role: "paid_media_spend", marker: suffix(last), place: "suffix" };
  if (several && SPEND_PREFIXES.has(first.word))
    return { role: "paid_media_spend", marker: prefix(first), place: "prefix" };
  if (several && EXPOSURE_WORDS[last.word] !== undefined) {
    // `search_clicks_P`: the word before a one-letter marker says more than the letter.
    const before = words.at(-2)!;
    const kind =
      (last.word.length === 1 ? EXPOSURE_WORDS[before.word] : undefined) ?? EXPOSURE_WORDS[last.word]!;
    return { role: "paid_media_var", marker: suffix(last), place: "suffix", exposureKind: kind };
  }
  if (several && FACTOR_SUFFIXES.has(last.word))
    return { role: "factor", marker: suffix(last), place: "suffix" };
  const factorWord = words.find((w) => FACTOR_WORDS.has(w.word));
  if (factorWord) return { role: "factor", marker: factorWord.text, place: "word" };
  const revenueWord = words.find((w) => REVENUE_WORDS.has(w.word));
  if (revenueWord) return { role: "dep_var", marker: revenueWord.text, place: "word", goalType: "revenue" };
  const conversionWord = words.find((w) => CONVERSION_WORDS.has(w.word));
  if (conversionWord)
    return { role: "dep_var", marker: conversionWord.text, place: "word", goalType: "conversion" };
  if (GOAL_WORDS.has(joined)) return { role: "dep_var", marker: name, place: "name" };
  const organicWord = words.find((w) => ORGANIC_CHANNEL_WORDS.has(w.word));
  if (organicWord) return { role: "organic", marker: organicWord.text, place: "word" };
  const channelWord = words.find((w) => MEDIA_CHANNEL_WORDS.has(w.word));
  if (channelWord) return { role: "media_channel", marker: channelWord.text, place: "word" };
  return undefined;
}

/**
 * The channel a spend or exposure column belongs to, for pairing them: the name without its spend or
 * exposure markers and without "paid". `search_clicks_P` → `search`, `SEARCH_SPEND` → `search`,
 * `FB_Prospecting_Impressions` → `fb_prospecting`.
 */
export function channelStem(name: string): string {
  const words = splitName(name).map((w) => w.word);
  const marker = (w: string) => SPEND_SUFFIXES.has(w) || EXPOSURE_WORDS[w] !== undefined;
  while (words.length > 1 && marker(words.at(-1)!)) words.pop();
  while (words.length > 1 && (SPEND_PREFIXES.has(words[0]!) || EXPOSURE_WORDS[words[0]!] !== undefined))
    words.shift();
  const stem = words.filter((w) => w !== "paid");
  return (stem.length > 0 ? stem : words).join("_");
}

/** Exposure kinds in order of preference when a spend has several (Robyn's guidance: impressions first). */
export const EXPOSURE_PREFERENCE: readonly ExposureKind[] = [
  "impressions",
  "grps",
  "views",
  "clicks",
  "sessions",
];

/** The exposure kind a column name suggests, defaulting to impressions. */
export function exposureKindOf(name: string): ExposureKind {
  const match = matchName(name);
  return match?.exposureKind ?? "impressions";
}
