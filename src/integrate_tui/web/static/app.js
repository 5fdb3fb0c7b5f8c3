// integrate-tui participant page: small enhancements; every form works without this script.
"use strict";
(function () {
  function numberOf(input) {
    var n = parseFloat(String(input.value).replace(",", "."));
    return isFinite(n) ? n : 0;
  }
  // Running totals: points out of 100, dots out of the budget, pairs answered.
  function tally(form, selector, output, count) {
    var fields = form.querySelectorAll(selector);
    var shown = document.getElementById(output);
    if (!fields.length || !shown) return;
    var update = function () {
      var total = 0;
      fields.forEach(function (f) { total += count(f); });
      shown.textContent = String(Math.round(total * 100) / 100);
      var of = parseFloat(shown.getAttribute("data-of"));
      var over = selector === ".step" ? false : (selector === ".points" ? total !== of : total > of);
      shown.parentNode.classList.toggle("off", over);
    };
    fields.forEach(function (f) { f.addEventListener("input", update); f.addEventListener("change", update); });
    update();
  }
  var dirty = false;
  document.querySelectorAll("form.card").forEach(function (form) {
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    tally(form, ".points", "total", numberOf);
    tally(form, ".dots", "dots-total", numberOf);
    tally(form, ".step", "answered", function (f) { return f.value ? 1 : 0; });
  });
  // Bring a confirmation or a refusal into view and to the screen reader.
  var notice = document.getElementById("problems") || document.getElementById("received");
  if (notice) { notice.focus(); notice.scrollIntoView({ block: "start" }); }
  // Follow the facilitator: when another round opens or results are shown, show them
  // (unless answers are half typed).
  var round = document.getElementById("round");
  if (!round || !window.fetch) return;
  var shownRound = round.getAttribute("data-round");
  var shownResults = round.getAttribute("data-results");
  setInterval(function () {
    fetch("/state", { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) return;
        if (!s.joined || s.round !== shownRound || s.results !== shownResults) {
          if (!dirty) window.location.reload();
        }
      })
      .catch(function () {});
  }, 4000);
})();
