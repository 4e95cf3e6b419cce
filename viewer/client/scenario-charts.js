/*
 * Forward-scenario page: the chart of the predicted outcome per period (baseline and media stacked, and the
 * range), and "Download as PNG" links (`a[data-png-of=<chart data key>]`) that save a drawn chart as a picture.
 */
/* global Chart */
(function () {
  "use strict";
  const mmm = window.mmm;

  mmm.charts.scenario = function (canvas, d) {
    const options = mmm.baseOptions();
    options.interaction = { mode: "index", intersect: false };
    options.scales = {
      x: { stacked: true },
      y: { stacked: true, beginAtZero: true, title: mmm.axisTitle("Predicted outcome") },
    };
    const line = function (label, values, colour) {
      return {
        type: "line",
        label: label,
        data: values,
        stack: label,
        borderColor: colour,
        borderDash: [4, 4],
        borderWidth: 1.5,
        pointRadius: 2,
        fill: false,
      };
    };
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: d.dates,
        datasets: [
          { label: "Baseline (projected)", data: d.baseline, backgroundColor: mmm.grey, stack: "outcome" },
          { label: "Media", data: d.media, backgroundColor: mmm.colour(0, 0.75), stack: "outcome" },
          line("Range, low", d.low, mmm.colour(1)),
          line("Range, high", d.high, mmm.colour(2)),
        ],
      },
      options: options,
    });
  };

  document.addEventListener("click", function (event) {
    const anchor = event.target.closest ? event.target.closest("a[data-png-of]") : null;
    if (!anchor || !window.Chart) return;
    const canvas = document.querySelector('canvas[data-key="' + anchor.dataset.pngOf + '"]');
    const chart = canvas ? Chart.getChart(canvas) : undefined;
    if (!chart) {
      event.preventDefault();
      return;
    }
    // Set before the browser follows the link: the picture of the chart as it is drawn now.
    anchor.href = chart.toBase64Image("image/png", 1);
  });
})();
