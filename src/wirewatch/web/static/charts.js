// Draw every server-built plotly figure on the page. The figure JSON sits in a
// <script type="application/json"> block named by the chart's data-figure attribute, so the page
// needs no inline script (the Content-Security-Policy allows scripts from this origin only).
"use strict";
(function () {
  function draw() {
    if (typeof Plotly === "undefined") {
      return;
    }
    document.querySelectorAll(".chart[data-figure]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-figure"));
      if (!source) {
        return;
      }
      var figure = JSON.parse(source.textContent);
      Plotly.newPlot(el, figure.data || [], figure.layout || {}, {
        displaylogo: false,
        responsive: true,
        modeBarButtonsToRemove: ["select2d", "lasso2d"]
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
