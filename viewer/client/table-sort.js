/* Sortable tables: a click (or Enter) on a header with data-sort orders the rows by that column's data-value. */
(function () {
  "use strict";
  const mmm = window.mmm;

  mmm.sortTables = function () {
    document.querySelectorAll("table[data-sortable]").forEach(function (table) {
      const headers = table.querySelectorAll("thead th");
      headers.forEach(function (th, column) {
        if (!th.dataset.sort) return;
        th.tabIndex = 0;
        th.setAttribute("role", "button");
        th.classList.add("sortable-header");
        const sort = function () {
          const ascending = th.getAttribute("aria-sort") !== "ascending";
          headers.forEach(function (other) {
            other.removeAttribute("aria-sort");
          });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          const body = table.tBodies[0];
          const rows = Array.from(body.rows);
          const key = function (row) {
            const cell = row.cells[column];
            const value = cell
              ? cell.dataset.value !== undefined
                ? cell.dataset.value
                : cell.textContent
              : "";
            return th.dataset.sort === "number" ? parseFloat(value) : value;
          };
          rows.sort(function (a, b) {
            const x = key(a);
            const y = key(b);
            if (th.dataset.sort === "number") {
              const xs = isFinite(x) ? x : Infinity;
              const ys = isFinite(y) ? y : Infinity;
              return ascending ? xs - ys : ys - xs;
            }
            return ascending ? String(x).localeCompare(String(y)) : String(y).localeCompare(String(x));
          });
          rows.forEach(function (row) {
            body.appendChild(row);
          });
        };
        th.addEventListener("click", sort);
        th.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            sort();
          }
        });
      });
    });
  };
})();
