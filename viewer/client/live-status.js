/*
 * Live status: while a run shown on the page is queued, preparing or running, poll /runs/status.json
 * every few seconds, update its badge and progress bar, and reload the page once a run has ended (its
 * results then appear).
 */
(function () {
  "use strict";
  const mmm = window.mmm;
  const FINAL = ["succeeded", "failed", "cancelled"];

  mmm.liveStatus = function () {
    const elements = Array.from(document.querySelectorAll("[data-live-run]"));
    const active = elements.filter(function (el) {
      return FINAL.indexOf(el.dataset.status) === -1;
    });
    if (active.length === 0) return;
    const ids = Array.from(
      new Set(
        active.map(function (el) {
          return el.dataset.liveRun;
        }),
      ),
    );
    let delay = 3000;
    const poll = function () {
      fetch("/runs/status.json?ids=" + encodeURIComponent(ids.join(",")), {
        credentials: "same-origin",
        headers: { accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error("status " + response.status);
          return response.json();
        })
        .then(function (body) {
          delay = 3000;
          let ended = false;
          body.runs.forEach(function (run) {
            document.querySelectorAll('[data-live-run="' + run.id + '"]').forEach(function (el) {
              const badge = el.querySelector('[data-role="status"]');
              if (badge) {
                badge.textContent = run.status;
                badge.className = "badge status-" + run.status;
              }
              const bar = el.querySelector('[data-role="progress"]');
              if (bar && run.progress) {
                bar.max = Math.max(1, run.progress.total);
                bar.value = run.progress.done;
                bar.title =
                  run.progress.done + " of " + run.progress.total + " models (" + run.progress.phase + ")";
              }
              if (FINAL.indexOf(run.status) !== -1 && FINAL.indexOf(el.dataset.status) === -1) ended = true;
              el.dataset.status = run.status;
            });
          });
          if (ended) window.location.reload();
          else window.setTimeout(poll, delay);
        })
        .catch(function () {
          delay = Math.min(delay * 2, 60000);
          window.setTimeout(poll, delay);
        });
    };
    window.setTimeout(poll, delay);
  };
})();
