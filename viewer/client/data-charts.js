/* Data page and compare page charts: spend per channel over time; grouped bars per channel and model. */
/* global Chart */
(function () {
  "use strict";
  const mmm = window.mmm;

  mmm.charts.spend = function (canvas, d) {
    const options = mmm.baseOptions();
    options.interaction = { mode: "index", intersect: false };
    options.scales = {
      x: { ticks: { maxTicksLimit: 12 } },
      y: { stacked: true, beginAtZero: true, title: mmm.axisTitle("Spend") },
    };
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: d.dates,
        datasets: d.series.map(function (s, n) {
          return {
            label: s.name,
            data: s.values,
            borderColor: mmm.colour(n),
            backgroundColor: mmm.colour(n, 0.35),
            fill: n === 0 ? "origin" : "-1",
            pointRadius: 0,
            borderWidth: 1,
          };
        }),
      },
      options: options,
    });
  };

  mmm.charts.grouped = function (canvas, d) {
    const options = mmm.baseOptions();
    options.scales = { y: { beginAtZero: true, title: mmm.axisTitle(d.metric || "Effect share") } };
    if (!d.metric) options.scales.y.ticks = { callback: mmm.pct };
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: d.channels,
        datasets: d.models.map(function (label, n) {
          return { label: label, data: d.values[n], backgroundColor: mmm.colour(n, 0.75) };
        }),
      },
      options: options,
    });
  };
})();
