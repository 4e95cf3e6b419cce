/**
 * `/mmm <subcommand> …` as typed, into a command or a problem with the right form. Pure, so every wrong
 * input has a test; the listener only acks and delegates.
 *
 * `parseMmm` finds the subcommand and hands its words to that subcommand's parser (`PARSERS`).
 */
import { isRunId } from "../core/run-id.ts";
import {
  BOUND_EXAMPLE,
  isBoundWord,
  parseChannelBoundWords,
  type ChannelBoundWords,
} from "../core/results/bound-words.ts";

export type MmmCommand =
  | { name: "help" }
  | { name: "train" }
  | { name: "runs"; country?: string }
  | { name: "status"; runId: string }
  | { name: "cancel"; runId: string }
  | { name: "best"; country?: string }
  | { name: "allocate"; runId: string; solID: string; budget?: number; bounds?: ChannelBoundWords }
  | { name: "response"; runId: string; solID: string; channel: string; spend: number; dateRange?: string }
  | { name: "scenario"; runId: string; solID: string; multiplier: number; weeks: number }
  | { name: "compare"; runIds: [string, string] }
  | {
      name: "split";
      budget?: number;
      targetRoas?: number;
      countries: string[];
      marketBounds: ChannelBoundWords;
      channelBounds: ChannelBoundWords;
    }
  | { name: "lift"; country: string }
  | { name: "lift_import"; country: string; csv: string }
  | { name: "schedule"; action: "create"; country: string; cadence: string; timezone?: string }
  | { name: "schedule"; action: "list" }
  | { name: "schedule"; action: "cancel"; id: string };

export type ParsedMmm = { ok: true; command: MmmCommand } | { ok: false; problem: string; usage: string };

export const USAGE = {
  help: "/mmm help",
  train: "/mmm train",
  runs: "/mmm runs [country]",
  status: "/mmm status <run id>",
  cancel: "/mmm cancel <run id>",
  best: "/mmm best [country]",
  allocate: "/mmm allocate <run id> <model id> [budget] [channel=low-high …]",
  response: "/mmm response <run id> <model id> <channel> <spend> [all|last|last_N|date,date]",
  scenario: "/mmm scenario <run id> <model id> <multiplier> [weeks]",
  compare: "/mmm compare <run id> <run id>",
  split: "/mmm split [budget per week | roas=X] [countries …] [US=0.9-1.1 …] [TV_S=0.8-1.2 …]",
  lift: "/mmm lift <country>  ·  /mmm lift import <country> <CSV lines>",
  schedule:
    '/mmm schedule <country> weekly|monthly|"<cron>" [tz <zone>] · /mmm schedule list · /mmm schedule cancel <id>',
} as const;

/** Other names people type for a subcommand. */
const ALIASES: Readonly<Record<string, MmmCommandName>> = { studies: "lift" };

/** `/mmm scenario` replays this many last periods when no number is given. */
export const SCENARIO_WEEKS = 4;

export type MmmCommandName = keyof typeof USAGE;

const RUN_ID_EXAMPLE = "20261126T043012Z-de-7f3a9c";

export function parseMmm(text: string): ParsedMmm {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first, ...args] = words;
  const typed = (first ?? "help").toLowerCase();
  const name = ALIASES[typed] ?? typed;
  if (!(name in USAGE)) {
    return {
      ok: false,
      problem: `\`${first}\` is not an /mmm command.`,
      usage: Object.values(USAGE).join("\n"),
    };
  }
  const sub = name as MmmCommandName;
  const fail = (problem: string): ParsedMmm => ({ ok: false, problem, usage: USAGE[sub] });
  const tooMany = (max: number) =>
    args.length > max
      ? fail(`\`/mmm ${sub}\` takes ${max === 0 ? "nothing" : `at most ${max}`} after it.`)
      : undefined;
  return PARSERS[sub](args, { text, fail, tooMany });
}

/** What a subcommand's parser gets besides its words: the whole line, and failures in its usage's words. */
interface ParseContext {
  text: string;
  fail: (problem: string) => ParsedMmm;
  /** A failure when more than `max` words follow the subcommand. */
  tooMany: (max: number) => ParsedMmm | undefined;
}

type SubcommandParser = (args: readonly string[], context: ParseContext) => ParsedMmm;

const ok = (command: MmmCommand): ParsedMmm => ({ ok: true, command });

const PARSERS: Readonly<Record<MmmCommandName, SubcommandParser>> = {
  help: (_, { tooMany }) => tooMany(0) ?? ok({ name: "help" }),
  train: (_, { tooMany }) => tooMany(0) ?? ok({ name: "train" }),
  runs: (args, context) => parseOptionalCountry(args, context, (country) => ({ name: "runs", ...country })),
  best: (args, context) => parseOptionalCountry(args, context, (country) => ({ name: "best", ...country })),
  status: (args, context) => parseOneRun(args, context, (runId) => ({ name: "status", runId })),
  cancel: (args, context) => parseOneRun(args, context, (runId) => ({ name: "cancel", runId })),
  allocate: (args, { fail }) => parseAllocate(args, fail),
  response: (args, { fail }) => parseResponse(args, fail),
  scenario: (args, { fail, tooMany }) => tooMany(4) ?? parseScenario(args, fail),
  compare: (args, { fail, tooMany }) => tooMany(2) ?? parseCompare(args, fail),
  split: (args, { fail }) => parseSplit(args, fail),
  lift: (args, { text, fail }) => parseLift(text, args, fail),
  schedule: (args, { fail }) => parseSchedule(args, fail),
};

function parseOptionalCountry(
  args: readonly string[],
  { fail, tooMany }: ParseContext,
  command: (country: { country?: string }) => MmmCommand,
): ParsedMmm {
  const problem = tooMany(1);
  if (problem) return problem;
  if (args[0] === undefined) return ok(command({}));
  const country = parseCountry(args[0]);
  if (!country) return fail(`\`${args[0]}\` is not a country code: use two letters, such as DE.`);
  return ok(command({ country }));
}

function parseOneRun(
  args: readonly string[],
  { fail, tooMany }: ParseContext,
  command: (runId: string) => MmmCommand,
): ParsedMmm {
  const problem = tooMany(1);
  if (problem) return problem;
  const runId = parseRunId(args[0]);
  if (typeof runId !== "string") return fail(runId.problem);
  return ok(command(runId));
}

/** `allocate <run> <model> [budget] [channel=low-high …]`. */
function parseAllocate(args: readonly string[], fail: (problem: string) => ParsedMmm): ParsedMmm {
  const model = parseRunModel(args);
  if ("problem" in model) return fail(model.problem);
  const { runId, solID } = model;
  const rest = args.slice(2);
  const boundWords = rest.filter(isBoundWord);
  const budgetWords = rest.filter((word) => !isBoundWord(word));
  if (budgetWords.length > 1)
    return fail(`\`/mmm allocate\` takes one budget after the model, then bounds such as ${BOUND_EXAMPLE}.`);
  const bounds = parseChannelBoundWords(boundWords);
  if (!bounds.ok) return fail(bounds.problem);
  const withBounds = boundWords.length > 0 ? { bounds: bounds.bounds } : {};
  if (budgetWords[0] === undefined) return ok({ name: "allocate", runId, solID, ...withBounds });
  const budget = parseAmount(budgetWords[0]);
  if (budget === undefined)
    return fail(
      `\`${budgetWords[0]}\` is not a budget: write a positive amount such as 250000, 250k or 1.5m.`,
    );
  return ok({ name: "allocate", runId, solID, budget, ...withBounds });
}

/** `response <run> <model> <channel> <spend> [date range]`. */
function parseResponse(args: readonly string[], fail: (problem: string) => ParsedMmm): ParsedMmm {
  const model = parseRunModel(args);
  if ("problem" in model) return fail(model.problem);
  const [channel, spendWord] = args.slice(2);
  // Dates may be typed "2018-09-17, 2018-10-15": the rest of the line is the date range.
  const dateRange = args.slice(4).join("");
  if (!channel) return fail("Name the channel too: a paid channel such as tv_S, or an organic variable.");
  if (!spendWord) return fail(`Give the spend on \`${channel}\` too: an amount such as 50000, 50k or 1.5m.`);
  // Zero is a fair question here: what is left of the response when the channel stops?
  const spend = parseAmount(spendWord, { zero: true });
  if (spend === undefined)
    return fail(`\`${spendWord}\` is not a spend: write an amount of 0 or more, such as 50000, 50k or 1.5m.`);
  return ok({ name: "response", ...model, channel, spend, ...(dateRange ? { dateRange } : {}) });
}

/** `scenario <run> <model> <multiplier> [weeks]`. */
function parseScenario(args: readonly string[], fail: (problem: string) => ParsedMmm): ParsedMmm {
  const model = parseRunModel(args);
  if ("problem" in model) return fail(model.problem);
  const [multiplierWord, weeksWord] = args.slice(2);
  if (!multiplierWord)
    return fail("Give the multiplier of the last weeks' spend too: 1.2 for 20 % more, 0 for none.");
  const multiplier = Number(multiplierWord.replace(/^[x×]|[x×]$/gi, ""));
  if (!/^[x×]?[0-9.]+[x×]?$/i.test(multiplierWord) || !Number.isFinite(multiplier))
    return fail(`\`${multiplierWord}\` is not a multiplier: write a number of 0 or more, such as 1.2.`);
  const weeks = weeksWord === undefined ? SCENARIO_WEEKS : Number(weeksWord);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 104)
    return fail(`\`${weeksWord}\` is not a number of weeks: write a whole number from 1 to 104.`);
  return ok({ name: "scenario", ...model, multiplier, weeks });
}

/** `compare <run> <run>`. */
function parseCompare(args: readonly string[], fail: (problem: string) => ParsedMmm): ParsedMmm {
  if (args.length < 2) return fail("Name two runs to compare.");
  const a = parseRunId(args[0]);
  if (typeof a !== "string") return fail(a.problem);
  const b = parseRunId(args[1]);
  if (typeof b !== "string") return fail(b.problem);
  if (a === b) return fail("Those are the same run: name two different runs.");
  return ok({ name: "compare", runIds: [a, b] });
}

/**
 * `split [budget] [DE FR …] [US=0.9-1.1 …] [TV_S=0.8-1.2 DE.TV_S=1 …]`: a two-letter word is a market, a
 * two-letter name before `=` a market's bound, any other name a channel's (in every market, or `DE.` one).
 */
function parseSplit(args: readonly string[], fail: (problem: string) => ParsedMmm): ParsedMmm {
  const countries: string[] = [];
  const marketWords: string[] = [];
  const channelWords: string[] = [];
  let budget: number | undefined;
  let targetRoas: number | undefined;
  for (const word of args) {
    const roas = /^roas=(.*)$/i.exec(word);
    if (roas) {
      targetRoas = Number(roas[1]);
      if (!(targetRoas > 0 && Number.isFinite(targetRoas)))
        return fail(
          `\`${word}\` is not a ROAS target: write the revenue per unit of spend to meet, such as roas=2.5.`,
        );
      continue;
    }
    if (isBoundWord(word)) {
      (parseCountry(word.split("=")[0]!) ? marketWords : channelWords).push(word);
      continue;
    }
    const country = parseCountry(word);
    if (country) {
      countries.push(country);
      continue;
    }
    const amount = parseAmount(word);
    if (amount === undefined || budget !== undefined)
      return fail(
        `\`${word}\` is neither a budget (one amount per week, such as 500k), a country (such as DE) nor a bound (such as US=0.9-1.1 or TV_S=0.8-1.2).`,
      );
    budget = amount;
  }
  const markets = parseChannelBoundWords(
    marketWords.map((w) => w.replace(/^[a-z]{2}=/i, (m) => m.toUpperCase())),
  );
  if (!markets.ok) return fail(markets.problem);
  const channels = parseChannelBoundWords(channelWords);
  if (!channels.ok) return fail(channels.problem);
  return {
    ok: true,
    command: {
      name: "split",
      ...(budget === undefined ? {} : { budget }),
      ...(targetRoas === undefined ? {} : { targetRoas }),
      countries: [...new Set(countries)],
      marketBounds: markets.bounds,
      channelBounds: channels.bounds,
    },
  };
}

/**
 * `lift DE` opens the country's studies; `lift import DE` takes the rest of the text, line breaks
 * included, as CSV (which the words of `args` would have lost).
 */
function parseLift(text: string, args: readonly string[], fail: (problem: string) => ParsedMmm): ParsedMmm {
  const importing = args[0]?.toLowerCase() === "import";
  const word = importing ? args[1] : args[0];
  if (word === undefined) return fail("Name the country whose lift studies these are, such as DE.");
  const country = parseCountry(word);
  if (!country) return fail(`\`${word}\` is not a country code: use two letters, such as DE.`);
  if (!importing)
    return args.length > 1
      ? fail("`/mmm lift` takes one country after it.")
      : { ok: true, command: { name: "lift", country } };
  const csv = /^\s*\S+\s+import\s+\S+([\s\S]*)$/i.exec(text)?.[1]?.trim() ?? "";
  if (csv === "")
    return fail(
      `Put the studies after \`/mmm lift import ${country}\`, one CSV line each: channel, start date, end date, lift, spend[, confidence].`,
    );
  return { ok: true, command: { name: "lift_import", country, csv } };
}

/**
 * `list`, `cancel <id>`, or `<country> <cadence> [tz <zone>]` (the cadence is the rest of the line; cadence
 * and zone are checked by the core).
 */
function parseSchedule(args: readonly string[], fail: (problem: string) => ParsedMmm): ParsedMmm {
  const [first, ...rest] = args;
  if (first === undefined)
    return fail("Say which country to refresh and how often, e.g. `/mmm schedule DE monthly`.");
  if (first.toLowerCase() === "list")
    return rest.length > 0
      ? fail("`/mmm schedule list` takes nothing after it.")
      : { ok: true, command: { name: "schedule", action: "list" } };
  if (first.toLowerCase() === "cancel") {
    if (rest.length !== 1) return fail("Name the one schedule to cancel: its id, from `/mmm schedule list`.");
    return { ok: true, command: { name: "schedule", action: "cancel", id: rest[0]!.replace(/^`|`$/g, "") } };
  }
  const country = parseCountry(first);
  if (!country) return fail(`\`${first}\` is not a country code: use two letters, such as DE.`);
  const tz = rest.findIndex((word) => word.toLowerCase() === "tz");
  const cadence = (tz === -1 ? rest : rest.slice(0, tz)).join(" ");
  if (cadence === "") return fail(`Say how often: weekly, monthly or a cron expression in quotes.`);
  if (tz === -1) return { ok: true, command: { name: "schedule", action: "create", country, cadence } };
  if (rest.length !== tz + 2)
    return fail("Name one time zone after `tz`, e.g. `/mmm schedule DE monthly tz Europe/Berlin`.");
  return {
    ok: true,
    command: { name: "schedule", action: "create", country, cadence, timezone: rest[tz + 1]! },
  };
}

function parseCountry(word: string): string | undefined {
  return /^[A-Za-z]{2}$/.test(word) ? word.toUpperCase() : undefined;
}

/** `<run id> <model id>`, the first two words of `allocate`, `response` and `scenario`. */
function parseRunModel(args: readonly string[]): { runId: string; solID: string } | { problem: string } {
  const runId = parseRunId(args[0]);
  if (typeof runId !== "string") return runId;
  const solID = args[1];
  if (!solID) return { problem: "Name the model too: its id, such as 3_145_2 (see the run's thread)." };
  if (!/^\d+_\d+_\d+$/.test(solID))
    return { problem: `\`${solID}\` is not a model id: model ids look like 3_145_2.` };
  return { runId, solID };
}

function parseRunId(word: string | undefined): string | { problem: string } {
  if (!word) return { problem: `Name the run: its id, such as ${RUN_ID_EXAMPLE} (see \`/mmm runs\`).` };
  const id = word
    .replace(/^`|`$/g, "")
    .toLowerCase()
    .replace(/^(\d{8})t(\d{6})z/, "$1T$2Z");
  if (!isRunId(id))
    return {
      problem: `\`${word}\` is not a run id: run ids look like ${RUN_ID_EXAMPLE} (see \`/mmm runs\`).`,
    };
  return id;
}

/** 250000, 250,000, 250_000, 250k, 1.5m, 2e6: a positive finite amount (or zero, when `zero` allows it). */
export function parseAmount(word: string, { zero = false } = {}): number | undefined {
  const match = /^([0-9][0-9,_]*(?:\.[0-9]+)?(?:e[0-9]+)?)([km]?)$/i.exec(word.trim());
  if (!match) return undefined;
  const value =
    Number(match[1]!.replace(/[,_]/g, "")) *
    { "": 1, k: 1e3, m: 1e6 }[match[2]!.toLowerCase() as "" | "k" | "m"];
  return Number.isFinite(value) && (value > 0 || (zero && value === 0)) ? value : undefined;
}
