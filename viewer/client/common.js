/*
 * The viewer's browser scripts, part 1: the `window.mmm` namespace, number formatting, the palette, and
 * the page's chart data (JSON in <script type="application/json" id="chart-data">). Plain JavaScript:
 * the server joins these files in order (see viewer/static-assets.ts) and serves them as one script.
 */
(function () {
  "use strict";
  const mmm = (window.mmm = window.mmm || {});
  mmm.charts = mmm.charts || {};
  mmm.palette = [
    "#2563eb",
    "#dc2626",
    "#16a34a",
    "#d97706",
    "#7c3aed",
    "#0891b2",
    "#db2777",
    "#65a30d",
    "#9333ea",
    "#0d9488",
  ];
  mmm.grey = "rgba(148, 163, 184, 0.45)";

  mmm.colour = function (index, alpha) {
    const hex = mmm.palette[index % mmm.palette.length];
    if (alpha === undefined) return hex;
    const n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + ", " + ((n >> 8) & 255) + ", " + (n & 255) + ", " + alpha + ")";
  };

  mmm.fmt = function (value, digits) {
    if (value === null || value === undefined || !isFinite(value)) return "–";
    if (Math.abs(value) >= 1000) return value.toLocaleString("en", { maximumFractionDigits: 0 });
    return value.toLocaleString("en", { maximumFractionDigits: digits === undefined ? 3 : digits });
  };

  mmm.pct = function (value) {
    return value === null || value === undefined || !isFinite(value) ? "–" : (value * 100).toFixed(1) + "%";
  };

  mmm.chartData = function () {
    const element = document.getElementById("chart-data");
    return element ? JSON.parse(element.textContent || "{}") : {};
  };

  /** Options every chart shares: no animation (10,000 points), fills its box, legend below. */
  mmm.baseOptions = function () {
    return {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
    };
  };

  mmm.axisTitle = function (text) {
    return { display: true, text: text };
  };
})();
