using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>What a session may hold: the bounds and checks every session write runs before it touches the grid.</summary>
public static class SessionRules
{
    public const int MaxTitle = 200;
    public const int MaxText = 20_000;
    public const int MaxSpeakers = 20;

    public static SessionValues? Validate(SessionInput input, Validator v)
    {
        var kind = input.Kind?.Trim().ToLowerInvariant() ?? "";
        if (!SessionKinds.All.Contains(kind)) v.Add("kind", $"Type must be one of: {string.Join(", ", SessionKinds.All)}.");
        var title = v.Required("title", input.Title, MaxTitle, "Title");
        if (title is not null && title.Contains('\n')) v.Add("title", "The title must fit on one line.");
        var summary = v.Optional("abstract", input.Abstract, MaxText, "Abstract");
        var description = v.Optional("description", input.Description, MaxText, "Description");
        var language = v.Optional("language", input.Language, 50, "Language");
        var duration = v.Range("durationMinutes", input.DurationMinutes, 5, 720, "Length in minutes");
        var audience = input.ExpectedAudience is null ? 0 : v.Range("expectedAudience", input.ExpectedAudience, 0, 100_000, "Expected audience");
        List<string>? speakers = null;
        if (input.SpeakerEmails is { } emails)
        {
            speakers = v.TextList("speakerEmails", emails, 254, "speaker emails").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (speakers.Count > MaxSpeakers) v.Add("speakerEmails", $"A session has at most {MaxSpeakers} speakers.");
            if (speakers.Any(e => e.Length > 254 || !e.Contains('@'))) v.Add("speakerEmails", "Give each speaker as the email address of their account.");
        }
        return v.HasErrors ? null : new SessionValues(kind, title!, summary, description, language, input.TrackId, duration, audience, speakers, input.IsCancelled ?? false);
    }

    /// <summary>Null with no errors: take the session off the grid.</summary>
    public static Placement? Validate(PlacementInput input, EventRow e, Validator v)
    {
        if (input.RoomId is null && string.IsNullOrWhiteSpace(input.Date) && string.IsNullOrWhiteSpace(input.Start)) return null;
        if (input.RoomId is null) v.Add("roomId", "Choose a room.");
        var date = v.Date("date", input.Date, "Day");
        var start = v.Time("start", input.Start, "Start");
        if (date is { } d && (d < e.StartsOn || d > e.EndsOn)) v.Add("date", $"{d:yyyy-MM-dd} is not a day of {e.Name}.");
        if (v.HasErrors) return null;
        var local = date!.Value.ToDateTime(start!.Value);
        if (e.Zone.IsInvalidTime(local))
        {
            v.Add("start", $"{start:HH:mm} does not exist on {date:yyyy-MM-dd} in {e.TimeZone} (the clocks change).");
            return null;
        }
        return new Placement(input.RoomId!.Value, new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, e.Zone), TimeSpan.Zero));
    }

    public static (DateOnly Date, TimeOnly Starts, TimeOnly Ends, long? RoomId)? Validate(SlotInput input, EventRow e, Validator v)
    {
        var date = v.Date("date", input.Date, "Day");
        var starts = v.Time("starts", input.Starts, "Slot start");
        var ends = v.Time("ends", input.Ends, "Slot end");
        if (date is { } d && (d < e.StartsOn || d > e.EndsOn)) v.Add("date", $"{d:yyyy-MM-dd} is not a day of {e.Name}.");
        if (starts is not null && ends is not null && ends <= starts) v.Add("ends", "The slot must end after it starts.");
        return v.HasErrors ? null : (date!.Value, starts!.Value, ends!.Value, input.RoomId);
    }

    public static (TimeOnly Opens, TimeOnly Closes)? Validate(RoomHoursInput input, Validator v)
    {
        var opens = v.Time("opensAt", input.OpensAt, "Opens at");
        var closes = v.Time("closesAt", input.ClosesAt, "Closes at");
        if (opens is not null && closes is not null && closes <= opens) v.Add("closesAt", "The room must close after it opens.");
        return v.HasErrors ? null : (opens!.Value, closes!.Value);
    }
}
