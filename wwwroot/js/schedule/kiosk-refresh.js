// The venue screen reloads itself every so often, so "now" and "next" and the clock follow the day.
// A script rather than <meta http-equiv="refresh">, which accessibility checkers rightly flag on pages
// people read; the meta refresh stays inside <noscript> for screens without JavaScript.
(function () {
    "use strict";
    var seconds = parseInt(document.body.getAttribute("data-refresh-seconds") || "30", 10);
    window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
