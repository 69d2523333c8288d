// The MC's run sheet: a countdown per talk (red in the last 30 seconds), a poll of the line-up version every few
// seconds that swaps in the fresh sheet when anything changed, and buttons that post without leaving the page, so
// full screen survives. Without script the same forms post and the page reloads.
(function () {
    "use strict";
    var root = document.getElementById("run-sheet");
    if (!root) return;
    var host = document.getElementById("sheet-host");
    var offset = 0; // server clock minus this machine's clock, in ms

    function sheet() { return document.getElementById("sheet"); }

    function sync() {
        var s = sheet();
        var serverNow = s ? Date.parse(s.getAttribute("data-server-now")) : NaN;
        if (!isNaN(serverNow)) offset = serverNow - Date.now();
    }

    function format(seconds) {
        var sign = seconds < 0 ? "-" : "";
        var a = Math.abs(seconds);
        var m = Math.floor(a / 60), s = a % 60;
        return sign + m + ":" + (s < 10 ? "0" : "") + s;
    }

    function tick() {
        var c = host.querySelector(".countdown");
        if (!c) return;
        var slot = parseInt(c.getAttribute("data-slot-seconds") || "300", 10);
        var started = c.getAttribute("data-started-at");
        if (!started) { c.textContent = format(slot); return; }
        var left = slot - Math.floor((Date.now() + offset - Date.parse(started)) / 1000);
        c.textContent = format(left);
        c.classList.toggle("last-seconds", left <= 30);
        c.classList.toggle("over", left < 0);
    }

    function refresh() {
        return fetch(root.getAttribute("data-fragment-url"), { credentials: "same-origin", cache: "no-store" })
            .then(function (r) { return r.ok ? r.text() : null; })
            .then(function (html) { if (html !== null) { host.innerHTML = html; sync(); tick(); } });
    }

    function poll() {
        fetch(root.getAttribute("data-version-url"), { credentials: "same-origin", cache: "no-store" })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (v) {
                var s = sheet();
                if (v && s && String(v.version) !== s.getAttribute("data-version")) return refresh();
            })
            .catch(function () { /* the venue wifi dropped: try again next time */ });
    }

    document.addEventListener("submit", function (e) {
        var form = e.target;
        if (!form.hasAttribute || !form.hasAttribute("data-run-sheet")) return;
        e.preventDefault();
        fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" }).then(refresh);
    });

    var full = root.querySelector("[data-fullscreen]");
    if (full && document.documentElement.requestFullscreen) {
        full.addEventListener("click", function () {
            if (document.fullscreenElement) document.exitFullscreen(); else document.documentElement.requestFullscreen();
        });
    } else if (full) {
        full.hidden = true;
    }

    sync();
    tick();
    window.setInterval(tick, 250);
    window.setInterval(poll, 3000);
})();
