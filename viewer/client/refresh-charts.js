/* Refresh chain page: actual values and each link's fitted values, on one time axis (each link in the
   colour its bars have in the page's grouped charts). */
/* global Chart */
(function () {
  "use strict";
  const mmm = window.mmm;

  mmm.charts.chainFit = function (canvas, d) {
    const options = mmm.baseOptions();
    options.interaction = { mode: "index", intersect: false };
    options.scales = { x: { ticks: { maxTicksLimit: 12 } } };
    const actual = {
      label: "Actual",
      data: d.actual,
      borderColor: "#0f172a",
      backgroundColor: "#0f172a",
      pointRadius: 0,
      borderWidth: 1.5,
    };
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: d.dates,
        datasets: [actual].concat(
          d.fitted.map(function (link, n) {
            return {
              label: "Fitted, " + link.label,
              data: link.values,
              borderColor: mmm.colour(n),
              backgroundColor: mmm.colour(n),
              pointRadius: 0,
              borderWidth: 1.5,
              borderDash: [5, 3],
              spanGaps: false,
            };
          }),
        ),
      },
      options: options,
    });
  };
})();
