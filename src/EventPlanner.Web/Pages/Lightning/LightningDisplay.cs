using System.Globalization;
using EventPlanner.Web.Features.Lightning;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Pages.Lightning;

/// <summary>Times in the event's zone, and what a talk's status means to its speaker.</summary>
public static class LightningDisplay
{
    public static string When(DateTimeOffset? t, TimeZoneInfo zone) =>
        t is { } v ? LocalTimes.Show(v, zone) : "not scheduled";

    public static string Hm(DateTimeOffset? t, TimeZoneInfo zone) =>
        t is { } v ? TimeZoneInfo.ConvertTime(v, zone).ToString("HH:mm", CultureInfo.InvariantCulture) : "";

    public static string Standing(Lineup l, TalkRow t, TimeZoneInfo zone) => t.Status switch
    {
        TalkStatuses.Confirmed => $"Confirmed: you are number {l.PositionOf(t)} in the running order (planned {Hm(l.PlannedStart(t), zone)}).",
        TalkStatuses.Offered => $"A slot came free and it is yours if you confirm by {When(t.OfferExpiresAt, zone)}.",
        TalkStatuses.Waitlisted => $"On the waitlist: position {l.PositionOf(t)}. If someone withdraws you will be offered their slot.",
        TalkStatuses.Lapsed => "The slot offered to you was not confirmed in time and went to the next person.",
        _ => TalkStatuses.Label(t.Status) + ".",
    };
}
