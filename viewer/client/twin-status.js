/*
 * The twin page while its twin trains: poll the twin's status.json every few seconds, move the progress
 * bar and the phase, and reload the page once the twin has ended (its result then appears).
 */
(function () {
  "use strict";
  const PHASES = {
    preparing: "preparing the twin's data",
    searching: "searching hyperparameters",
    selecting: "selecting the Pareto-optimal models",
    clustering: "clustering and recommending",
  };

  function follow(card) {
    let delay = 2000;
    const poll = function () {
      fetch(card.dataset.twinStatus, { credentials: "same-origin", headers: { accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("status " + response.status);
          return response.json();
        })
        .then(function (body) {
          delay = 2000;
          if (body.status !== "running") {
            window.location.reload();
            return;
          }
          const bar = card.querySelector('[data-role="progress"]');
          if (bar && body.progress) {
            bar.max = Math.max(1, body.progress.total);
            bar.value = body.progress.done;
            bar.textContent = body.progress.done + " of " + body.progress.total;
          }
          const phase = card.querySelector('[data-role="phase"]');
          if (phase && body.progress) phase.textContent = PHASES[body.progress.phase] || body.progress.phase;
          window.setTimeout(poll, delay);
        })
        .catch(function () {
          delay = Math.min(delay * 2, 60000);
          window.setTimeout(poll, delay);
        });
    };
    window.setTimeout(poll, delay);
  }

  function start() {
    document.querySelectorAll("[data-twin-status]").forEach(function (card) {
      if (card.dataset.state === "running") follow(card);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
