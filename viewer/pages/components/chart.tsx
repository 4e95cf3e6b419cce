/**
 * A chart placeholder (`<canvas>`) the browser script draws into, and the page's chart data as JSON in a
 * non-executable script element (allowed by the CSP, which forbids inline scripts).
 */
import type { FC } from "hono/jsx";
import { scriptJson } from "../format.ts";

export const CHART_DATA_ID = "chart-data";

export const Chart: FC<{
  kind: string;
  dataKey: string;
  label: string;
  tall?: boolean;
  href?: string;
}> = ({ kind, dataKey, label, tall, href }) => (
  <div class={tall ? "chart chart-tall" : "chart"}>
    <canvas data-chart={kind} data-key={dataKey} data-href={href} role="img" aria-label={label}></canvas>
  </div>
);

/** `json`: the data already serialised with `scriptJson` (pages that keep it between requests). */
export const ChartData: FC<{ data?: unknown; json?: string }> = ({ data, json }) => (
  <script
    type="application/json"
    id={CHART_DATA_ID}
    dangerouslySetInnerHTML={{ __html: json ?? scriptJson(data) }}
  />
);
