using System.Globalization;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Bofs;

/// <summary>
/// The one place that words BoF notifications. Dedupe keys name the fact, the booking version and the recipient, so a
/// retried request tells nobody twice, while a second move is a new fact.
/// </summary>
public static class BofNotices
{
    public static string Link(EventRow e, long bofId) => $"/events/{e.Slug}/bofs#bof-{bofId}";

    /// <summary>"Thursday 26 November 2026, 19:00–20:00 (Asia/Kuala_Lumpur)": in the event's own time.</summary>
    public static string When(BofSlotRow s, EventRow e) =>
        s.Date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture) + $", {s.Starts:HH\\:mm}–{s.Ends:HH\\:mm} ({e.TimeZone})";

    private static Dictionary<string, string> Values(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    public static NotificationRequest ThresholdReached(EventRow e, BofRow b) =>
        new($"bof-threshold:{b.Id}:{b.ProposerUserId}", BofNotificationKinds.ThresholdReached.Name, b.ProposerUserId, e.Id,
            Values(("bof_title", b.Title), ("interest_count", b.Interested.ToString(CultureInfo.InvariantCulture)), ("bof_link", Link(e, b.Id))));

    public static NotificationRequest Booked(EventRow e, BofRow b, int version, BofSlotRow slot, long to) =>
        new($"bof-booked:{b.Id}:{version}:{to}", BofNotificationKinds.Booked.Name, to, e.Id,
            Values(("bof_title", b.Title), ("when", When(slot, e)), ("room", slot.RoomName), ("bof_link", Link(e, b.Id))));

    public static NotificationRequest Moved(EventRow e, BofRow b, int version, BofSlotRow slot, BofSlotRow was, long to) =>
        new($"bof-moved:{b.Id}:{version}:{to}", BofNotificationKinds.Moved.Name, to, e.Id,
            Values(("bof_title", b.Title), ("when", When(slot, e)), ("room", slot.RoomName), ("was", $"{When(was, e)} in {was.RoomName}"), ("bof_link", Link(e, b.Id))));

    public static NotificationRequest Cancelled(EventRow e, BofRow b, BofSlotRow? was, long to) =>
        new($"bof-cancelled:{b.Id}:{to}", BofNotificationKinds.Cancelled.Name, to, e.Id,
            Values(("bof_title", b.Title), ("previously", was is null ? "" : $" (it was to meet {When(was, e)} in {was.RoomName})"),
                ("bof_link", $"/events/{e.Slug}/bofs")));
}
