/**
 * The train modal's advanced settings as text a person types, one entry per line, and back:
 *
 * - hyperparameters: `name = low, high` (searched) or `name = value` (fixed), Robyn's names
 *   (`tv_S_thetas`, `lambda`, `train_size`); a single lambda is the absolute ridge penalty, a pair
 *   Robyn's share range (core/run-spec.ts). Entries not given come from the chosen preset.
 * - signs: `variable = positive | negative | default`, for paid media, organic and context variables
 *   (Robyn's paid_media_signs, organic_signs, context_signs); variables not listed keep Robyn's default.
 *
 * Names are checked against the model when the run is checked (with a did-you-mean); here only the form
 * of each line.
 */
import { SIGNS } from "../../core/run-spec.ts";
import type { MappingChoice } from "./train-draft.ts";

export type HyperparameterEntries = Record<string, number | [number, number]>;
export type Sign = (typeof SIGNS)[number];
export type SignEntries = Record<string, Sign>;

export interface SpecSigns {
  paid_media_signs?: Sign[];
  organic_signs?: Sign[];
  context_signs?: Sign[];
}

function entryLines(text: string): { line: number; name: string; value: string }[] | string {
  const entries: { line: number; name: string; value: string }[] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.search(/[=:]/);
    if (at <= 0) return `Line ${i + 1} ("${line}") needs a name, then = and a value.`;
    entries.push({ line: i + 1, name: line.slice(0, at).trim(), value: line.slice(at + 1).trim() });
  }
  const seen = new Set<string>();
  for (const { line, name } of entries) {
    if (seen.has(name)) return `Line ${line}: ${name} is given twice; keep one line per name.`;
    seen.add(name);
  }
  return entries;
}

/** Hyperparameters, or what is wrong with the first bad line. */
export function parseHyperparameterLines(text: string): HyperparameterEntries | string {
  const entries = entryLines(text);
  if (typeof entries === "string") return entries;
  const out: HyperparameterEntries = {};
  for (const { line, name, value } of entries) {
    const numbers = value
      .replace(/^\[|\]$/g, "")
      .split(/\s*(?:,|;|\.\.|\s)\s*/)
      .filter(Boolean)
      .map(Number);
    if ((numbers.length !== 1 && numbers.length !== 2) || numbers.some((n) => !Number.isFinite(n))) {
      return `Line ${line}: ${name} needs one number (fixed) or a low, high pair (searched), e.g. ${name} = 0.3, 0.8.`;
    }
    out[name] = numbers.length === 1 ? numbers[0]! : [numbers[0]!, numbers[1]!];
  }
  return out;
}

export function hyperparameterLines(entries: Readonly<Record<string, number | readonly number[]>>): string {
  return Object.entries(entries)
    .map(([name, value]) => `${name} = ${typeof value === "number" ? value : value.join(", ")}`)
    .join("\n");
}

/** Signs by variable, or what is wrong with the first bad line. */
export function parseSignLines(text: string): SignEntries | string {
  const entries = entryLines(text);
  if (typeof entries === "string") return entries;
  const out: SignEntries = {};
  for (const { line, name, value } of entries) {
    const sign = value.toLowerCase();
    if (!(SIGNS as readonly string[]).includes(sign))
      return `Line ${line}: the sign of ${name} is "${value}"; write positive, negative or default.`;
    out[name] = sign as Sign;
  }
  return out;
}

/** The sign lists of the spec for `mapping`, or which named variable the mapping does not model. */
export function specSigns(signs: SignEntries, mapping: MappingChoice): SpecSigns | string {
  const paid = mapping.paid_media_spends;
  const modelled = [...paid, ...mapping.paid_media_vars, ...mapping.organic_vars, ...mapping.context_vars];
  const unknown = Object.keys(signs).filter((name) => !modelled.includes(name));
  if (unknown.length > 0) {
    return (
      `${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not a paid, organic or context variable of ` +
      `this model; signs can be set for ${[...new Set(modelled)].join(", ")}.`
    );
  }
  const listFor = (names: string[], alias: (i: number) => string | undefined) =>
    names.some((n, i) => signs[n] ?? signs[alias(i) ?? ""])
      ? names.map((n, i) => signs[n] ?? signs[alias(i) ?? ""] ?? "default")
      : undefined;
  const paidSigns = listFor(paid, (i) => mapping.paid_media_vars[i]);
  const organicSigns = listFor(mapping.organic_vars, () => undefined);
  const contextSigns = listFor(mapping.context_vars, () => undefined);
  return {
    ...(paidSigns ? { paid_media_signs: paidSigns } : {}),
    ...(organicSigns ? { organic_signs: organicSigns } : {}),
    ...(contextSigns ? { context_signs: contextSigns } : {}),
  };
}

/** The lines that show a spec's signs again, only the ones that are not Robyn's default. */
export function signLines(signs: SpecSigns, mapping: MappingChoice): string {
  const pairs: [string, Sign | undefined][] = [
    ...mapping.paid_media_spends.map(
      (n, i) => [n, signs.paid_media_signs?.[i]] as [string, Sign | undefined],
    ),
    ...mapping.organic_vars.map((n, i) => [n, signs.organic_signs?.[i]] as [string, Sign | undefined]),
    ...mapping.context_vars.map((n, i) => [n, signs.context_signs?.[i]] as [string, Sign | undefined]),
  ];
  return pairs
    .filter(([, sign]) => sign && sign !== "default")
    .map(([name, sign]) => `${name} = ${sign}`)
    .join("\n");
}
