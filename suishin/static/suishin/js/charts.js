// Draws each <canvas data-chart-for="TABLE_ID"> from the table it names: the table is the
// data and stays on the page as the accessible alternative, so no figure or label lives here.
(function () {
  "use strict";
  function readTable(table) {
    var labels = [];
    var values = [];
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var cells = row.querySelectorAll("th, td");
      if (cells.length < 2) return;
      labels.push(cells[0].textContent.trim());
      values.push(Number(cells[1].textContent.replace(/[^0-9.-]/g, "")) || 0);
    });
    var header = table.querySelectorAll("thead th");
    return { labels: labels, values: values, name: header.length > 1 ? header[1].textContent.trim() : "" };
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof window.Chart !== "function") return;
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    document.querySelectorAll("canvas[data-chart-for]").forEach(function (canvas) {
      var table = document.getElementById(canvas.getAttribute("data-chart-for"));
      if (!table) return;
      var data = readTable(table);
      if (!data.labels.length) { canvas.hidden = true; return; }
      new window.Chart(canvas, {
        type: canvas.getAttribute("data-chart-type") || "bar",
        data: {
          labels: data.labels,
          datasets: [{ label: data.name, data: data.values, backgroundColor: "#0017c1", borderColor: "#0017c1" }]
        },
        options: {
          animation: reduceMotion ? false : undefined,
          plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
        }
      });
    });
  });
})();
