// Draws each <canvas data-chart-for="TABLE_ID"> from the table it names: the table is the
// data and stays on the page as the accessible alternative, so no figure or label lives here.
// Each column after the first is a series (its header names it; data-color on the header
// gives its colour); data-chart-stacked on the canvas stacks the series.
(function () {
  "use strict";
  var PALETTE = ["#0017c1", "#ad3800", "#197a4b", "#6e5600", "#5c10be"];
  function number(text) {
    return Number(text.replace(/[^0-9.-]/g, "")) || 0;
  }
  function readTable(table) {
    var labels = [];
    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th")).slice(1);
    var series = headers.map(function (th, index) {
      var color = th.getAttribute("data-color") || PALETTE[index % PALETTE.length];
      var dataset = { label: th.textContent.trim(), data: [], backgroundColor: color, borderColor: color };
      if (th.hasAttribute("data-dashed")) { dataset.borderDash = [6, 4]; dataset.pointRadius = 0; }
      return dataset;
    });
    if (!series.length) series.push({ label: "", data: [], backgroundColor: PALETTE[0], borderColor: PALETTE[0] });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var cells = row.querySelectorAll("th, td");
      if (cells.length < 2) return;
      labels.push(cells[0].textContent.trim());
      series.forEach(function (dataset, index) {
        dataset.data.push(cells[index + 1] ? number(cells[index + 1].textContent) : 0);
      });
    });
    return { labels: labels, series: series };
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof window.Chart !== "function") return;
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    document.querySelectorAll("canvas[data-chart-for]").forEach(function (canvas) {
      var table = document.getElementById(canvas.getAttribute("data-chart-for"));
      if (!table) return;
      var data = readTable(table);
      if (!data.labels.length) { canvas.hidden = true; return; }
      var stacked = canvas.hasAttribute("data-chart-stacked");
      new window.Chart(canvas, {
        type: canvas.getAttribute("data-chart-type") || "bar",
        data: { labels: data.labels, datasets: data.series },
        options: {
          animation: reduceMotion ? false : undefined,
          plugins: { legend: { display: data.series.length > 1 } },
          scales: {
            x: { stacked: stacked },
            y: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } }
          }
        }
      });
    });
  });
})();
