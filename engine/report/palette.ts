/**
 * The report pictures' colours. Channel colours are a colour-blind-friendly categorical set (Okabe–Ito first,
 * then darker Tableau tones), all with enough contrast against white for thin lines and small markers; a
 * channel keeps its colour in every panel because colours are assigned by the channel's position in one list.
 */

export const INK = "#1a202c";
export const MUTED_INK = "#4a5568";
export const GRID = "#e2e8f0";
export const AXIS = "#a0aec0";
export const BACKGROUND = "#ffffff";

export const POSITIVE = "#2b8cbe";
export const NEGATIVE = "#e34a33";
export const SPEND = "#a0aec0";
export const EFFECT = "#2b6cb0";
export const ROAS_LINE = "#dd6b20";
export const IMMEDIATE = "#3182ce";
export const CARRYOVER = "#f6ad55";
export const ACTUAL = "#2d3748";
export const PREDICTED = "#e53e3e";
export const SMOOTH = "#3182ce";
export const CARRYOVER_AREA = "rgba(113, 128, 150, 0.28)";
export const INITIAL = "#718096";
export const BOUNDED = "#2b6cb0";
export const UNBOUNDED = "#d69e2e";
export const FRONT_LINE = "#e53e3e";

const CHANNEL_COLOURS = [
  "#0072b2",
  "#e69f00",
  "#009e73",
  "#cc79a7",
  "#d55e00",
  "#56b4e9",
  "#7b4173",
  "#8c564b",
  "#637939",
  "#393b79",
  "#bd9e39",
  "#ad494a",
  "#17becf",
  "#7f7f7f",
  "#1b9e77",
  "#e7298a",
] as const;

/** The colour of the i-th channel (cycles after 16). */
export function channelColour(index: number): string {
  return CHANNEL_COLOURS[index % CHANNEL_COLOURS.length]!;
}

/** `colour` with an alpha channel, for fills behind lines ("#0072b2", 0.2 → "rgba(0, 114, 178, 0.2)"). */
export function withAlpha(colour: string, alpha: number): string {
  const hex = colour.replace("#", "");
  const r = Number.parseInt(hex.slice(0, 2), 16);
  const g = Number.parseInt(hex.slice(2, 4), 16);
  const b = Number.parseInt(hex.slice(4, 6), 16);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

// Viridis at 9 stops (matplotlib's), interpolated linearly: a perceptually ordered, colour-blind-safe ramp.
const VIRIDIS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

/** The viridis colour at t in [0, 1] as "rgb(r, g, b)". */
export function viridis(t: number): string {
  const [r, g, b] = viridisRgb(t);
  return `rgb(${r}, ${g}, ${b})`;
}

export function viridisRgb(t: number): [number, number, number] {
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const position = clamped * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(position));
  const f = position - i;
  const a = VIRIDIS[i]!;
  const c = VIRIDIS[i + 1]!;
  return [0, 1, 2].map((k) => Math.round(a[k]! + (c[k]! - a[k]!) * f)) as [number, number, number];
}
