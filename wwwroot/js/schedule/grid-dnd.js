// Drag and drop for the organisers' schedule grid: an enhancement only. Every card keeps its plain
// "Move" form (room, day, start), which works without JavaScript and from the keyboard; a drop fills
// that same form from the cell it landed on and posts it, asking for JSON, so a move is one request.
// A refused move (someone else moved it first, or bad input) puts the card back and says why.
(function () {
    "use strict";
    var grid = document.querySelector("[data-schedule-grid]");
    var status = document.getElementById("move-status");
    if (!grid || !status || !window.Sortable) return;

    function say(message, urgent) {
        status.setAttribute("role", urgent ? "alert" : "status");
        status.textContent = message;
    }

    function save(card, target) {
        var form = card.querySelector("form.move-form");
        var data = new FormData(form);
        if (target.hasAttribute("data-room-id")) {
            data.set("Move.RoomId", target.getAttribute("data-room-id"));
            data.set("Move.Day", target.getAttribute("data-day"));
            data.set("Move.Start", target.getAttribute("data-start"));
            data.delete("Move.Unschedule");
        } else {
            data.set("Move.Unschedule", "true");
        }
        return fetch(form.action, { method: "POST", body: data, headers: { "Accept": "application/json" }, credentials: "same-origin" })
            .then(function (response) {
                return response.json().then(function (body) { return { status: response.status, body: body }; });
            });
    }

    document.querySelectorAll("[data-drop]").forEach(function (container) {
        window.Sortable.create(container, {
            group: "sessions",
            sort: false,
            // Mouse and touch events rather than the browser's native drag and drop: the same on every
            // browser, works inside the scrolling grid, and can be driven by browser tests.
            forceFallback: true,
            fallbackOnBody: true,
            draggable: "[data-session-id]",
            filter: "details, button, input, select, label",
            preventOnFilter: false,
            onStart: function () { grid.classList.add("is-dragging"); },
            onEnd: function () { grid.classList.remove("is-dragging"); },
            onAdd: function (evt) {
                var card = evt.item;
                var from = evt.from;
                var back = function () { from.insertBefore(card, from.children[evt.oldIndex] || null); };
                say("Saving the move…", false);
                save(card, evt.to).then(function (result) {
                    if (result.status === 200) {
                        say(result.body.message, false);
                        window.location.reload();
                    } else {
                        back();
                        say(result.body.message || "The move was not saved.", true);
                    }
                }).catch(function () {
                    back();
                    say("The move could not be saved. Check your connection and try again.", true);
                });
            }
        });
    });
})();
