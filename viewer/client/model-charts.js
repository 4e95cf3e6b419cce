/*
 * Model page charts, the interactive panels of Robyn's one-pager: decomposition waterfall, actual vs
 * predicted, response curves with the mean spend and its mROI, spend vs effect share with ROAS/CPA, adstock;
 * and the response query's curve with the historical mean and the queried spend.
 */
/* global Chart */
(function () {
  "use strict";
  const mmm = window.mmm;

  /* A point of a response curve in words, with its mROI where the point carries one. */
  function spendResponseLabel(context) {
    const point = context.raw;
    return (
      context.dataset.label +
      ": spend " +
      mmm.fmt(point.x, 0) +
      " → response " +
      mmm.fmt(point.y, 0) +
      (point.mroi === undefined ? "" : " · mROI " + mmm.fmt(point.mroi, 4))
    );
  }

  /**
   * The waterfall's share axis: from 0 % (or below, with negative effects) to 100 % (or the highest bar
   * end, which passes 100 % when negative effects come after), on a round step so that the ticks are
   * evenly spaced (0, 20, 40 … %) rather than ending on the data's own maximum (0 %, 50 %, 120 %). Bar ends
   * a hair past a tick (sums of shares: 1.0000052) do not add a step.
   */
  function shareAxis(ends) {
    const low = Math.min(0, ...ends);
    const high = Math.max(1, ...ends);
    const step =
      [0.1, 0.2, 0.25, 0.5, 1, 2, 5].find(function (s) {
        return (high - low) / s <= 8;
      }) || Math.ceil((high - low) / 8);
    const slack = 1e-3;
    return {
      min: Math.floor(low / step + slack) * step,
      max: Math.ceil(high / step - slack) * step,
      step: step,
    };
  }

  mmm.charts.waterfall = function (canvas, d) {
    let start = 0;
    const bars = d.shares.map(function (share) {
      const from = start;
      start += share || 0;
      return [from, start];
    });
    const axis = shareAxis(bars.flat());
    const options = mmm.baseOptions();
    options.indexAxis = "y";
    options.plugins.legend = { display: false };
    options.scales = {
      x: {
        title: mmm.axisTitle("Cumulative share of response"),
        ticks: {
          stepSize: axis.step,
          callback: function (value) {
            return Math.round(value * 100) + "%";
          },
        },
        min: axis.min,
        max: axis.max,
      },
    };
    options.plugins.tooltip = {
      callbacks: {
        label: function (context) {
          const i = context.dataIndex;
          return d.names[i] + ": " + mmm.pct(d.shares[i]) + " (" + mmm.fmt(d.values[i], 0) + ")";
        },
      },
    };
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: d.names,
        datasets: [
          {
            label: "share of response",
            data: bars,
            backgroundColor: d.shares.map(function (s) {
              return s < 0 ? mmm.colour(1, 0.75) : mmm.colour(2, 0.75);
            }),
          },
        ],
      },
      options: options,
    });
  };

  mmm.charts.fit = function (canvas, d) {
    const options = mmm.baseOptions();
    options.interaction = { mode: "index", intersect: false };
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: d.dates,
        datasets: [
          {
            label: "Actual",
            data: d.actual,
            borderColor: mmm.colour(0),
            backgroundColor: mmm.colour(0),
            pointRadius: 0,
          },
          {
            label: "Predicted",
            data: d.predicted,
            borderColor: mmm.colour(3),
            backgroundColor: mmm.colour(3),
            pointRadius: 0,
            borderDash: [5, 3],
          },
        ],
      },
      options: options,
    });
  };

  mmm.charts.response = function (canvas, curves) {
    const datasets = [];
    curves.forEach(function (curve, n) {
      datasets.push({
        label: curve.channel,
        data: curve.x.map(function (x, i) {
          return { x: x, y: curve.y[i] };
        }),
        showLine: true,
        borderColor: mmm.colour(n),
        backgroundColor: mmm.colour(n),
        pointRadius: 0,
        borderWidth: 2,
      });
      if (curve.meanX !== null) {
        datasets.push({
          label: curve.channel + " mean spend",
          data: [{ x: curve.meanX, y: curve.meanY, mroi: curve.meanMroi }],
          borderColor: mmm.colour(n),
          backgroundColor: mmm.colour(n),
          pointRadius: 5,
          pointHoverRadius: 7,
        });
      }
    });
    const options = mmm.baseOptions();
    options.scales = {
      x: { title: mmm.axisTitle("Adstocked spend per period") },
      y: { title: mmm.axisTitle("Response") },
    };
    options.plugins.legend.labels.filter = function (item) {
      return item.text.indexOf(" mean spend") === -1;
    };
    options.plugins.tooltip = { callbacks: { label: spendResponseLabel } };
    return new Chart(canvas, { type: "scatter", data: { datasets: datasets }, options: options });
  };

  /* The response query's curve (spend per period, carryover included), the historical mean and the query. */
  mmm.charts.responseQuery = function (canvas, d) {
    const datasets = [
      {
        label: d.channel + " response curve",
        data: d.curve,
        showLine: true,
        borderColor: mmm.colour(0),
        backgroundColor: mmm.colour(0),
        pointRadius: 0,
        borderWidth: 2,
      },
      {
        label: "Historical mean spend",
        data: [d.history],
        borderColor: "#64748b",
        backgroundColor: "#94a3b8",
        pointRadius: 6,
        pointHoverRadius: 8,
      },
    ];
    if (d.query) {
      datasets.push({
        label: "Queried spend",
        data: [d.query],
        borderColor: mmm.colour(1),
        backgroundColor: mmm.colour(1),
        pointStyle: "rectRot",
        pointRadius: 8,
        pointHoverRadius: 10,
      });
    }
    const options = mmm.baseOptions();
    options.scales = {
      x: { title: mmm.axisTitle("Spend per period"), beginAtZero: true },
      y: { title: mmm.axisTitle("Response per period"), beginAtZero: true },
    };
    options.plugins.tooltip = { callbacks: { label: spendResponseLabel } };
    return new Chart(canvas, { type: "scatter", data: { datasets: datasets }, options: options });
  };

  mmm.charts.shares = function (canvas, d) {
    const options = mmm.baseOptions();
    options.scales = {
      y: { title: mmm.axisTitle("Share"), ticks: { callback: mmm.pct }, beginAtZero: true },
      y2: {
        title: mmm.axisTitle(d.metric),
        position: "right",
        grid: { drawOnChartArea: false },
        beginAtZero: true,
      },
    };
    return new Chart(canvas, {
      data: {
        labels: d.channels,
        datasets: [
          {
            type: "bar",
            label: "Spend share",
            data: d.spend,
            backgroundColor: mmm.colour(0, 0.7),
            yAxisID: "y",
          },
          {
            type: "bar",
            label: "Effect share",
            data: d.effect,
            backgroundColor: mmm.colour(2, 0.7),
            yAxisID: "y",
          },
          {
            type: "line",
            label: d.metric,
            data: d.efficiency,
            borderColor: mmm.colour(3),
            backgroundColor: mmm.colour(3),
            yAxisID: "y2",
          },
        ],
      },
      options: options,
    });
  };

  mmm.charts.adstock = function (canvas, d) {
    const options = mmm.baseOptions();
    const datasets =
      d.kind === "geometric"
        ? [
            {
              label: "θ (share carried to the next period)",
              data: d.theta,
              backgroundColor: mmm.colour(4, 0.7),
              yAxisID: "y",
            },
          ]
        : [
            { label: "Weibull scale", data: d.scale, backgroundColor: mmm.colour(4, 0.7), yAxisID: "y" },
            { label: "Weibull shape", data: d.shape, backgroundColor: mmm.colour(5, 0.7), yAxisID: "y2" },
          ];
    datasets.push({
      label: "Carryover share of response",
      data: d.carryover,
      backgroundColor: mmm.colour(6, 0.6),
      yAxisID: "y",
    });
    options.scales = { y: { beginAtZero: true, suggestedMax: 1 } };
    if (d.kind !== "geometric")
      options.scales.y2 = { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } };
    return new Chart(canvas, {
      type: "bar",
      data: { labels: d.channels, datasets: datasets },
      options: options,
    });
  };
})();
