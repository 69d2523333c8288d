// Inbox and account times come from the server in UTC (it does not know the reader's zone). Where the browser can say
// its zone, show them in it, in the site's one format ("Mon 30 Nov 2026, 23:59", no seconds); without script they stay UTC.
(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    const format = new Intl.DateTimeFormat("en-GB", {
        weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone,
    });
    for (const time of document.querySelectorAll("time[data-viewer-zone]")) {
        const at = new Date(time.dateTime);
        if (Number.isNaN(at.getTime())) continue;
        const p = Object.fromEntries(format.formatToParts(at).map(part => [part.type, part.value]));
        time.textContent = `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}`;
        time.title = `${zone} time`;
    }
})();
