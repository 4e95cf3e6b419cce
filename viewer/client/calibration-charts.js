/*
 * Calibration page chart: per lift study, the experiment's interval (a floating bar) and measured lift
 * (a diamond) beside the model's prediction over the same days (a dot).
 */
/* global Chart */
(function () {
  "use strict";
  const mmm = window.mmm;

  mmm.charts.calibration = function (canvas, d) {
    const level = Math.round(d.level * 100) + "%";
    const options = mmm.baseOptions();
    options.scales = {
      y: { title: mmm.axisTitle("Incremental response over the study"), beginAtZero: true },
    };
    options.plugins.tooltip = {
      callbacks: {
        label: function (context) {
          const i = context.dataIndex;
          if (context.dataset.key === "interval") {
            const range = d.interval[i];
            return range
              ? "Experiment " + level + " interval: " + mmm.fmt(range[0], 0) + " to " + mmm.fmt(range[1], 0)
              : "";
          }
          if (context.dataset.key === "measured") return "Experiment measured: " + mmm.fmt(d.measured[i], 0);
          return "Model: " + mmm.fmt(d.predicted[i], 0) + " (error " + mmm.pct(d.errors[i]) + ")";
        },
      },
    };
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: d.labels,
        datasets: [
          {
            key: "measured",
            type: "line",
            label: "Experiment (measured lift)",
            data: d.measured,
            showLine: false,
            pointStyle: "rectRot",
            pointRadius: 8,
            pointHoverRadius: 10,
            borderColor: mmm.colour(0),
            backgroundColor: mmm.colour(0),
            order: 1,
          },
          {
            key: "predicted",
            type: "line",
            label: "Model prediction",
            data: d.predicted,
            showLine: false,
            pointStyle: "circle",
            pointRadius: 7,
            pointHoverRadius: 9,
            borderColor: mmm.colour(1),
            backgroundColor: mmm.colour(1),
            order: 0,
          },
          {
            key: "interval",
            label: "Experiment " + level + " interval (from its confidence)",
            data: d.interval,
            backgroundColor: mmm.colour(0, 0.2),
            borderColor: mmm.colour(0, 0.6),
            borderWidth: 1,
            barPercentage: 0.35,
            order: 2,
          },
        ],
      },
      options: options,
    });
  };
})();
