/* Forward-scenario page chart: the predicted outcome per period, baseline and media stacked, and the range. */
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
})();
