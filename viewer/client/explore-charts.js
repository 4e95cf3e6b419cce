/* Explore page charts: the goal against total spend (two axes), and the metrics explorer (a second metric on the right axis). */
/* global Chart */
(function () {
  "use strict";
  const mmm = window.mmm;

  function line(label, values, n, axis) {
    return {
      label: label,
      data: values,
      borderColor: mmm.colour(n),
      backgroundColor: mmm.colour(n, 0.2),
      yAxisID: axis,
      pointRadius: values.length > 120 ? 0 : 2,
      borderWidth: 1.5,
      spanGaps: false,
    };
  }

  function twoAxes(left, right) {
    const options = mmm.baseOptions();
    options.interaction = { mode: "index", intersect: false };
    options.scales = {
      x: { ticks: { maxTicksLimit: 12 } },
      y: { position: "left", beginAtZero: true, title: mmm.axisTitle(left) },
    };
    if (right) {
      options.scales.y2 = {
        position: "right",
        beginAtZero: true,
        title: mmm.axisTitle(right),
        grid: { drawOnChartArea: false },
      };
    }
    return options;
  }

  mmm.charts.goalSpend = function (canvas, d) {
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: d.dates,
        datasets: [line(d.goalLabel, d.goal, 0, "y"), line("Total spend", d.spend, 1, "y2")],
      },
      options: twoAxes(d.goalLabel, "Total spend"),
    });
  };

  mmm.charts.metrics = function (canvas, d) {
    const series = d.series;
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: d.dates,
        datasets: series.map(function (s, n) {
          return line(s.name, s.values, n + 2, n === 0 ? "y" : "y2");
        }),
      },
      options: twoAxes(series[0] ? series[0].name : "", series[1] ? series[1].name : undefined),
    });
  };
})();
