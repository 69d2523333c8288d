// Camera scanning for the check-in desk: an enhancement only. Without JavaScript (or a camera) the
// desk types or pastes the code, or uses a scanner that types. A decoded code fills the field and submits.
(function () {
    "use strict";
    var button = document.getElementById("scan-start");
    var reader = document.getElementById("scan-reader");
    var field = document.getElementById("secret");
    if (!button || !reader || !field || !window.Html5Qrcode || !navigator.mediaDevices) return;
    button.hidden = false;
    var scanner = null;
    button.addEventListener("click", function () {
        if (scanner) {
            scanner.stop().catch(function () { });
            scanner = null;
            reader.hidden = true;
            button.textContent = "Scan with the camera";
            return;
        }
        reader.hidden = false;
        button.textContent = "Stop the camera";
        scanner = new window.Html5Qrcode("scan-reader");
        scanner.start({ facingMode: "environment" }, { fps: 10, qrbox: 240 }, function (text) {
            scanner.stop().catch(function () { });
            scanner = null;
            field.value = text;
            field.form.submit();
        }).catch(function (err) {
            reader.hidden = true;
            scanner = null;
            button.textContent = "Scan with the camera";
            var note = document.getElementById("scan-note");
            if (note) note.textContent = "The camera could not start (" + err + "). Type or paste the code instead.";
        });
    });
})();
