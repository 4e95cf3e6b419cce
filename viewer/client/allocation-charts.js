/*
 * Model page, budget allocator: per channel the spend and the response per period, now and optimised,
 * as two bar panels side by side in one chart (spend on the left axis, response on the right), so the
 * move of budget and what it buys read together. "Download chart (PNG)" links use `a[data-png-of]`.
 */
/* global Chart */
(function () {
  "use strict";
  const mmm = window.mmm;

  mmm.charts.allocation = function (canvas, d) {
    const options = mmm.baseOptions();
    options.interaction = { mode: "index", intersect: false };
    options.plugins.tooltip = {
      callbacks: {
        label: function (context) {
          return context.dataset.label + ": " + mmm.fmt(context.raw, 2);
        },
      },
    };
    options.scales = {
      spend: {
        type: "linear",
        position: "left",
        beginAtZero: true,
        title: mmm.axisTitle("Spend per " + d.interval + (d.currency ? " (" + d.currency + ")" : "")),
      },
      response: {
        type: "linear",
        position: "right",
        beginAtZero: true,
        grid: { drawOnChartArea: false },
        title: mmm.axisTitle("Response per " + d.interval),
      },
    };
    const bar = function (label, values, colour, axis) {
      return { label: label, data: values, backgroundColor: colour, yAxisID: axis };
    };
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: d.channels,
        datasets: [
          bar("Spend now", d.initSpend, mmm.colour(0, 0.35), "spend"),
          bar("Spend optimised", d.optmSpend, mmm.colour(0, 0.9), "spend"),
          bar("Response now", d.initResponse, mmm.colour(2, 0.35), "response"),
          bar("Response optimised", d.optmResponse, mmm.colour(2, 0.9), "response"),
        ],
      },
      options: options,
    });
  };
})();
