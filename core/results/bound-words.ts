/**
 * Bounds typed as words, `name=low-high`: after `/mmm allocate … [budget]` `tv_S=0.8-1.2` keeps TV between 0.8×
 * and 1.2× today's spend and `tv_S=1` holds it at today's spend (Robyn's `channel_constr_low` / `_up`); the budget
 * split's forms take markets (`US=0.9-1.1`) and channels of one market (`DE.TV_S=1`) the same way. Pure, so every
 * wrong word has a test; the names are checked against the models when the request runs.
 */

export interface ChannelBoundWords {
  /** Lowest spend per channel, as a multiple of today's. */
  low: Record<string, number>;
  /** Highest spend per channel, as a multiple of today's. */
  up: Record<string, number>;
}

export const BOUND_EXAMPLE = "tv_S=0.8-1.2";

const MULTIPLE = "([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)";
const BOUND_WORD = new RegExp(`^${MULTIPLE}(?:[-–]${MULTIPLE})?$`);

/** True for a word that is meant as a bound (it has `=`), whether or not it is well formed. */
export function isBoundWord(word: string): boolean {
  return word.includes("=");
}

/** The words' bounds, or the first problem in the words of the person who typed them. */
export function parseChannelBoundWords(
  words: readonly string[],
): { ok: true; bounds: ChannelBoundWords } | { ok: false; problem: string } {
  const bounds: ChannelBoundWords = { low: {}, up: {} };
  for (const word of words) {
    const [channel = "", value = ""] = word.split("=", 2);
    if (channel === "")
      return { ok: false, problem: `\`${word}\` has no channel before \`=\`: write it as ${BOUND_EXAMPLE}.` };
    const match = BOUND_WORD.exec(value);
    if (!match)
      return {
        ok: false,
        problem:
          `\`${word}\` is not a bound for ${channel}: write the lowest and highest spend as multiples of ` +
          `today's, such as ${channel}=0.8-1.2 (or ${channel}=1 to keep today's spend).`,
      };
    if (channel in bounds.low)
      return { ok: false, problem: `${channel} has two bounds: give each channel once.` };
    const low = Number(match[1]);
    const up = match[2] === undefined ? low : Number(match[2]);
    if (up < low)
      return {
        ok: false,
        problem: `\`${word}\`: the lowest spend of ${channel} (${low}×) is above its highest (${up}×); write the lower multiple first, such as ${channel}=${up}-${low}.`,
      };
    bounds.low[channel] = low;
    bounds.up[channel] = up;
  }
  return { ok: true, bounds };
}
