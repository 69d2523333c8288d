// While the solver runs, its page reloads itself so the progress (best objective, bound, elapsed) follows the run.
// A script rather than <meta http-equiv="refresh">, which accessibility checkers flag on pages people read, and the
// strict script policy allows no inline script. Without JavaScript the page offers a reload link instead.
(function () {
    "use strict";
    var progress = document.querySelector("[data-refresh-seconds]");
    if (!progress) return;
    var seconds = parseInt(progress.getAttribute("data-refresh-seconds") || "2", 10);
    window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
