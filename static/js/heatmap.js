// Comfort only: collapse and expand the heat map's groups. Without JavaScript every row shows.
(function () {
  "use strict";
  var table = document.querySelector("table.heatmap");
  if (!table) return;
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
  var collapsed = {};

  function refresh() {
    rows.forEach(function (row) {
      var ancestors = (row.getAttribute("data-ancestors") || "").split(" ").filter(Boolean);
      var hidden = ancestors.some(function (id) { return collapsed[id]; });
      row.classList.toggle("collapsed-hidden", hidden);
    });
  }

  rows.forEach(function (row) {
    if (!row.classList.contains("group-row")) return;
    var id = row.getAttribute("data-id");
    var header = row.querySelector("th");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "toggle";
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-label", table.getAttribute("data-collapse-label") + ": " + header.textContent.trim());
    button.textContent = "−";
    button.addEventListener("click", function () {
      collapsed[id] = !collapsed[id];
      button.setAttribute("aria-expanded", collapsed[id] ? "false" : "true");
      button.textContent = collapsed[id] ? "+" : "−";
      refresh();
    });
    header.insertBefore(button, header.firstChild);
  });
})();
