/* Làng Nghề Market: draws every <figure data-chart> with the vendored Chart.js.
   The figure holds its data as JSON in its data-chart attribute (macros/charts.html,
   marketplace/core/charts.py): kind, unit ("vnd" or "count"), labels and
   datasets of integers. Numbers are written in the page's language. Without JavaScript (or
   Chart.js) the figures' table is still there. */
(function () {
  "use strict";

  var COLOURS = ["--terracotta", "--indigo-2", "--celadon-deep", "--gold", "--red", "--celadon", "--amber"];

  function palette() {
    var style = window.getComputedStyle(document.documentElement);
    return COLOURS.map(function (name) { return style.getPropertyValue(name).trim() || "#888"; });
  }

  function formatters(unit) {
    var lang = document.documentElement.lang || "vi";
    var full = unit === "vnd"
      ? new Intl.NumberFormat(lang, { style: "currency", currency: "VND", maximumFractionDigits: 0 })
      : new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
    var compact = new Intl.NumberFormat(lang, { notation: "compact", maximumFractionDigits: 1 });
    return { full: function (v) { return full.format(v); }, tick: function (v) { return compact.format(v); } };
  }

  function draw(figure) {
    var canvas = figure.querySelector("canvas");
    if (!canvas || !window.Chart) { return; }
    var data = JSON.parse(figure.getAttribute("data-chart"));
    if (data.horizontal) {  // one bar row per name: the canvas grows with the rows (CSSOM, allowed by the CSP)
      canvas.parentNode.style.height = Math.max(140, 44 * data.labels.length + 50) + "px";
    }
    var colours = palette();
    var format = formatters(data.unit);
    var round = data.kind === "doughnut";
    var datasets = data.datasets.map(function (set, i) {
      var colour = round ? colours : colours[i % colours.length];
      return {
        label: set.label, data: set.values, backgroundColor: colour, borderColor: round ? "#fff" : colour,
        borderWidth: data.kind === "line" ? 2 : 1, tension: 0.25, pointRadius: data.kind === "line" ? 2 : 0,
        fill: false, maxBarThickness: 36
      };
    });
    var valueAxis = {
      beginAtZero: true, stacked: data.stacked,
      ticks: { precision: 0, callback: function (value) { return format.tick(value); } }
    };
    var labelAxis = { stacked: data.stacked, ticks: { autoSkip: true, maxRotation: 0 }, grid: { display: false } };
    new window.Chart(canvas, {
      type: data.kind,
      data: { labels: data.labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        indexAxis: data.horizontal ? "y" : "x",
        plugins: {
          legend: { display: round || datasets.length > 1, position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (item) {
                var value = round ? item.parsed : (data.horizontal ? item.parsed.x : item.parsed.y);
                return (item.dataset.label ? item.dataset.label + ": " : "") + format.full(value);
              }
            }
          }
        },
        scales: round ? {} : (data.horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis })
      }
    });
    figure.classList.add("chart-drawn");
  }

  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll("figure[data-chart]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
}());
