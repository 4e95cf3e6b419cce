/** A distribution sparkline: bars of a histogram as inline SVG (no script, no inline style). */
import type { FC } from "hono/jsx";

export const Sparkline: FC<{ counts: readonly number[]; label: string }> = ({ counts, label }) => {
  const max = Math.max(1, ...counts);
  const width = 100;
  const height = 24;
  const bar = width / Math.max(1, counts.length);
  return (
    <svg
      class="spark"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {counts.map((count, i) => {
        const h = (count / max) * (height - 2);
        return (
          <rect
            x={(i * bar + 0.5).toFixed(1)}
            y={(height - h).toFixed(1)}
            width={(bar - 1).toFixed(1)}
            height={h.toFixed(1)}
          />
        );
      })}
    </svg>
  );
};
