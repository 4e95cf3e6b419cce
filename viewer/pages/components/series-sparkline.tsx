/**
 * A column's values over time as an inline SVG line (the data profile's `sparkline`: at most 60 bucket means
 * in date order, computed on the server). A missing bucket breaks the line rather than being drawn as zero.
 * No script, no inline style: the page's CSS colours it.
 */
import type { FC } from "hono/jsx";

const WIDTH = 100;
const HEIGHT = 24;

export const SeriesSparkline: FC<{ values: readonly (number | null)[]; label: string }> = ({
  values,
  label,
}) => {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return <span class="note">—</span>;
  const low = Math.min(...present);
  const span = Math.max(...present) - low;
  const x = (i: number) => (values.length === 1 ? WIDTH / 2 : (i / (values.length - 1)) * WIDTH);
  // A constant column is a flat line in the middle; otherwise the lowest value touches the bottom.
  const y = (v: number) => (span === 0 ? HEIGHT / 2 : HEIGHT - 1 - ((v - low) / span) * (HEIGHT - 2));
  const runs: string[][] = [[]];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) runs.push([]);
    else runs.at(-1)!.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  return (
    <svg
      class="spark spark-line"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {runs
        .filter((run) => run.length > 0)
        .map((run) =>
          run.length === 1 ? (
            <circle cx={run[0]!.split(",")[0]} cy={run[0]!.split(",")[1]} r="1" />
          ) : (
            <polyline points={run.join(" ")} />
          ),
        )}
    </svg>
  );
};
