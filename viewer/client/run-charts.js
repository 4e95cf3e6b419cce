/*
 * Run page charts: the Pareto scatter of every candidate (coloured by front or by cluster; a click on a
 * Pareto model opens its page) and the convergence of both objectives by block of iterations.
 */
/* global Chart */
(function () {
  "use strict";
  const mmm = window.mmm;

  mmm.charts.pareto = function (canvas, d) {
    const href = canvas.dataset.href || "";
    let mode = "front";

    function datasets() {
      const groups = new Map();
      const rest = [];
      for (let i = 0; i < d.x.length; i++) {
        if (d.x[i] === null || d.y[i] === null) continue;
        const id = d.ids[i];
        const point = { x: d.x[i], y: d.y[i], id: id, front: d.f[i] };
        const group =
          mode === "front"
            ? d.f[i] > 0
              ? d.f[i]
              : null
            : id !== undefined && d.clusters[id] !== undefined
              ? d.clusters[id]
              : null;
        if (group === null) rest.push(point);
        else {
          if (!groups.has(group)) groups.set(group, []);
          groups.get(group).push(point);
        }
      }
      const keys = Array.from(groups.keys()).sort(function (a, b) {
        return a - b;
      });
      const sets = keys.map(function (key, n) {
        const data = groups.get(key);
        // As in Robyn's pareto_front.png: a line through each of the first fronts.
        const line = mode === "front" && key <= 3;
        if (line) {
          data.sort(function (a, b) {
            return a.x - b.x;
          });
        }
        return {
          label: (mode === "front" ? "Front " : "Cluster ") + key,
          data: data,
          showLine: line,
          borderWidth: line ? 1 : 0,
          backgroundColor: mmm.colour(n, 0.85),
          borderColor: mmm.colour(n),
          pointRadius: 3.5,
          pointHoverRadius: 7,
          order: 1,
        };
      });
      sets.push({
        label: mode === "front" ? "Other candidates" : "Not a Pareto model",
        data: rest,
        backgroundColor: mmm.grey,
        borderColor: mmm.grey,
        pointRadius: 1.5,
        pointHoverRadius: 3,
        order: 10,
      });
      return sets;
    }

    function modelAt(elements) {
      for (let k = 0; k < elements.length; k++) {
        const point = chart.data.datasets[elements[k].datasetIndex].data[elements[k].index];
        if (point && point.id) return point.id;
      }
      return null;
    }

    const options = mmm.baseOptions();
    options.parsing = false;
    options.normalized = true;
    options.interaction = { mode: "nearest", intersect: true };
    options.scales = {
      x: { title: mmm.axisTitle("NRMSE (prediction error)") },
      y: { title: mmm.axisTitle("DECOMP.RSSD (business error)") },
    };
    options.plugins.tooltip = {
      callbacks: {
        label: function (context) {
          const p = context.raw;
          return (
            (p.id ? "Model " + p.id + " (front " + p.front + "): " : "") +
            "NRMSE " +
            mmm.fmt(p.x, 4) +
            ", DECOMP.RSSD " +
            mmm.fmt(p.y, 4)
          );
        },
      },
    };
    options.onClick = function (event, elements) {
      const id = modelAt(elements);
      if (id && href) window.location.assign(href.replace("{solID}", encodeURIComponent(id)));
    };
    options.onHover = function (event, elements) {
      canvas.style.cursor = modelAt(elements) ? "pointer" : "default";
    };
    const chart = new Chart(canvas, { type: "scatter", data: { datasets: datasets() }, options: options });

    const buttons = document.querySelectorAll('[data-toggle-for="pareto"] button');
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        mode = button.dataset.colourBy;
        buttons.forEach(function (b) {
          b.setAttribute("aria-pressed", String(b === button));
        });
        chart.data.datasets = datasets();
        chart.update();
      });
    });
    return chart;
  };

  mmm.charts.convergence = function (canvas, d) {
    const options = mmm.baseOptions();
    options.interaction = { mode: "index", intersect: false };
    options.scales = {
      x: { title: mmm.axisTitle("Iterations") },
      y: { title: mmm.axisTitle("NRMSE"), position: "left" },
      y2: { title: mmm.axisTitle("DECOMP.RSSD"), position: "right", grid: { drawOnChartArea: false } },
    };
    const line = function (label, data, colour, dashed, axis) {
      return {
        label: label,
        data: data,
        borderColor: colour,
        backgroundColor: colour,
        borderDash: dashed ? [6, 4] : [],
        pointRadius: 0,
        yAxisID: axis,
        spanGaps: true,
      };
    };
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: d.labels,
        datasets: [
          line("NRMSE, best", d.nrmseMin, mmm.colour(0), false, "y"),
          line("NRMSE, median", d.nrmseMedian, mmm.colour(0), true, "y"),
          line("DECOMP.RSSD, best", d.rssdMin, mmm.colour(1), false, "y2"),
          line("DECOMP.RSSD, median", d.rssdMedian, mmm.colour(1), true, "y2"),
        ],
      },
      options: options,
    });
  };
})();
