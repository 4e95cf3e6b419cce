/**
 * Text sizes and spacing of the report pictures, in logical pixels, chosen for a 1600 px wide picture that is
 * read when opened at full size and still shows its titles when Slack scales it to ~360–720 px.
 */
export const TEXT = {
  title: 38,
  subtitle: 21,
  panelTitle: 22,
  axisTitle: 16,
  tick: 15,
  legend: 15,
  label: 14,
  caption: 15,
  note: 18,
} as const;

export const SPACE = {
  margin: 28,
  gutter: 24,
  panelTitleHeight: 40,
  panelPadding: 12,
} as const;
