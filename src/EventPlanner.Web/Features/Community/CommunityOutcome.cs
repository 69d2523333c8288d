using System.Globalization;

namespace EventPlanner.Web.Features.Community;

public enum OutcomeKind { Done, NotFound, Forbidden, Invalid, Refused }

/// <summary>What a community write came to: done with a value, or why not (field messages are in the caller's Validator).</summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value = default, Refusal? Refusal = null, string? Message = null)
{
    public static Outcome<T> Done(T value) => new(OutcomeKind.Done, value);
    public static readonly Outcome<T> NotFound = new(OutcomeKind.NotFound);
    public static readonly Outcome<T> Invalid = new(OutcomeKind.Invalid);
    public static Outcome<T> Forbidden(string message) => new(OutcomeKind.Forbidden, Message: message);
    public static Outcome<T> Refused(Refusal refusal) => new(OutcomeKind.Refused, Refusal: refusal);
}

internal static class CommunityText
{
    /// <summary>"Sat 28 Nov 14:00–16:00" in the event's zone.</summary>
    public static string When(TimeZoneInfo zone, DateTimeOffset starts, DateTimeOffset ends)
    {
        var from = TimeZoneInfo.ConvertTime(starts, zone);
        var to = TimeZoneInfo.ConvertTime(ends, zone);
        return from.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture) + "–" + to.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    public static string Day(TimeZoneInfo zone, DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static string Hm(TimeZoneInfo zone, DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("HH:mm", CultureInfo.InvariantCulture);
}
