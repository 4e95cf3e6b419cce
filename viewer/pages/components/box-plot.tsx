/**
 * Horizontal box plots as inline SVG, one row per series on a shared axis: whiskers at min and max, the
 * box from Q1 to Q3, a line at the median, and an optional marker (the picked model's value).
 */
import type { FC } from "hono/jsx";
import type { Distribution } from "../../../engine/stats/distribution.ts";
import { num } from "../format.ts";

export interface BoxRow {
  readonly label: string;
  readonly distribution: Distribution;
  readonly marker?: number;
}

export const BoxPlot: FC<{ rows: readonly BoxRow[]; label: string; format?: (v: number) => string }> = ({
  rows,
  label,
  format = (v) => num(v, 2),
}) => {
  if (rows.length === 0) return <p class="note">No values.</p>;
  const lo = Math.min(0, ...rows.map((r) => r.distribution.min));
  const hi = Math.max(...rows.map((r) => Math.max(r.distribution.max, r.marker ?? -Infinity)));
  const span = hi > lo ? hi - lo : 1;
  const left = 120;
  const width = 560;
  const row = 28;
  const x = (v: number) => (left + ((v - lo) / span) * (width - left - 10)).toFixed(1);
  const height = rows.length * row + 24;
  return (
    <svg class="boxplot" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <title>{label}</title>
      {rows.map((r, i) => {
        const y = i * row + 14;
        const d = r.distribution;
        return (
          <g>
            <text x={left - 6} y={y + 4} text-anchor="end">
              {r.label}
            </text>
            <line class="whisker" x1={x(d.min)} x2={x(d.max)} y1={y} y2={y} />
            <rect
              class="box"
              x={x(d.q1)}
              y={y - 8}
              width={(Number(x(d.q3)) - Number(x(d.q1))).toFixed(1)}
              height={16}
            >
              <title>{`${r.label}: median ${format(d.median)}, Q1 ${format(d.q1)}, Q3 ${format(d.q3)}, min ${format(d.min)}, max ${format(d.max)}, n ${d.n}`}</title>
            </rect>
            <line class="median" x1={x(d.median)} x2={x(d.median)} y1={y - 8} y2={y + 8} />
            {r.marker !== undefined && Number.isFinite(r.marker) && (
              <circle class="marker" cx={x(r.marker)} cy={y} r={4}>
                <title>{`picked model: ${format(r.marker)}`}</title>
              </circle>
            )}
          </g>
        );
      })}
      <text x={left} y={height - 4}>
        {format(lo)}
      </text>
      <text x={width - 10} y={height - 4} text-anchor="end">
        {format(hi)}
      </text>
    </svg>
  );
};
