/* Last of the viewer's scripts: draw every chart of the page, make tables sortable, start live status. */
/* global Chart */
(function () {
  "use strict";
  const mmm = window.mmm;

  function start() {
    const data = mmm.chartData();
    if (window.Chart) {
      Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
      Chart.defaults.color = "#334155";
    }
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      const draw = mmm.charts[canvas.dataset.chart];
      const chartData = data[canvas.dataset.key];
      if (!draw || !chartData || !window.Chart) return;
      try {
        draw(canvas, chartData);
        canvas.dataset.drawn = "true";
      } catch (error) {
        canvas.insertAdjacentText("afterend", "This chart could not be drawn: " + error.message);
      }
    });
    document.querySelectorAll("input.copy").forEach(function (input) {
      input.addEventListener("focus", function () {
        input.select();
      });
    });
    mmm.sortTables();
    mmm.liveStatus();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
