/*
 * Budget-split page: today's spend and the split's per market and channel, side by side (bars), and each
 * market's total.
 */
/* global Chart */
(function () {
  "use strict";
  const mmm = window.mmm;

  mmm.charts.budgetSplit = function (canvas, d) {
    const options = mmm.baseOptions();
    options.interaction = { mode: "index", intersect: false };
    options.scales = {
      y: { beginAtZero: true, title: mmm.axisTitle("Spend per " + d.period) },
    };
    options.plugins.tooltip = {
      callbacks: {
        label: function (item) {
          return item.dataset.label + ": " + mmm.fmt(item.raw);
        },
      },
    };
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: d.labels,
        datasets: [
          { label: "Today", data: d.current, backgroundColor: mmm.grey },
          { label: "Split", data: d.split, backgroundColor: mmm.colour(0, 0.8) },
        ],
      },
      options: options,
    });
  };
})();
