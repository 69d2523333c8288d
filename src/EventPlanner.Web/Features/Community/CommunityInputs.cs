using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Community;

// Requests: every field nullable so a missing one becomes a field message, not a binding error.
public sealed record GroupInput(string? Name, string? Description, string? Contacts, string? LogoUrl);
public sealed record HostInput(string? Email);
public sealed record ReasonInput(string? Reason);

/// <summary>A room request (or an organiser's proposal): a room, a local day and times in the event's zone.</summary>
public sealed record RequestInput(long? RoomId, string? Date, string? Start, string? End, int? ExpectedAttendance, string? Purpose, string? AvNeeds);
public sealed record ApproveInput(long? RoomId, string? Note);
public sealed record ProposeInput(long? RoomId, string? Date, string? Start, string? End, string? Note);

/// <summary>A session inside an approved block: local start and end on the block's day; speakers by account email and/or by name.</summary>
public sealed record BlockSessionInput(string? Kind, string? Title, string? Abstract, string? Start, string? End,
    IReadOnlyList<string>? SpeakerEmails, IReadOnlyList<string>? SpeakerNames, int? Version);

// Validated values.
public sealed record GroupValues(string Name, string Description, string Contacts, string? LogoUrl);
public sealed record TimeRange(long RoomId, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
public sealed record RequestValues(TimeRange Range, int ExpectedAttendance, string Purpose, string AvNeeds);
public sealed record BlockSessionValues(string Kind, string Title, string Abstract, TimeOnly Start, TimeOnly End,
    IReadOnlyList<string> SpeakerEmails, IReadOnlyList<string> SpeakerNames);

/// <summary>Input rules, plain code.</summary>
public static class CommunityInputRules
{
    public const int MaxName = 100;
    public const int MaxText = 4000;
    public const int MaxSpeakers = 10;
    public const int MinSessionMinutes = 5;
    public const int MaxNote = 1000;

    /// <summary>What a group may put in its block: talks, workshops, or anything else (a meetup, an install party).</summary>
    public static readonly string[] Kinds = [SessionKinds.Talk, SessionKinds.Workshop, SessionKinds.Other];

    public static GroupValues? Validate(GroupInput input, Validator v)
    {
        var name = v.Required("name", input.Name, MaxName, "Name");
        if (name is not null && name.Contains('\n')) v.Add("name", "The name must fit on one line.");
        var description = v.Optional("description", input.Description, MaxText, "Description");
        var contacts = v.Required("contacts", input.Contacts, 1000, "Contacts");
        var logo = LogoUrl(input.LogoUrl, v);
        return v.HasErrors ? null : new GroupValues(name!, description, contacts!, logo);
    }

    /// <summary>An absolute https address without credentials, or nothing: it is only ever shown as a link.</summary>
    public static string? LogoUrl(string? value, Validator v)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length > 500 || TextInput.Problem(text) is not null || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || !string.IsNullOrEmpty(uri.UserInfo) || string.IsNullOrEmpty(uri.Host))
        {
            v.Add("logoUrl", "The logo link must be an https:// address (at most 500 characters), e.g. https://assets.ubuntu.com/logo.svg.");
            return null;
        }
        return uri.AbsoluteUri;
    }

    public static RequestValues? Validate(RequestInput input, EventRow e, Validator v)
    {
        var range = Range(input.RoomId, input.Date, input.Start, input.End, e, v);
        var attendance = v.Range("expectedAttendance", input.ExpectedAttendance, 1, 100_000, "Expected attendance");
        var purpose = v.Required("purpose", input.Purpose, MaxText, "Purpose");
        var av = v.Optional("avNeeds", input.AvNeeds, 1000, "AV needs");
        return v.HasErrors ? null : new RequestValues(range!, attendance, purpose!, av);
    }

    public static TimeRange? Range(long? roomId, string? date, string? start, string? end, EventRow e, Validator v)
    {
        if (roomId is null) v.Add("roomId", "Choose a room.");
        var day = v.Date("date", date, "Day");
        var from = v.Time("start", start, "Start");
        var to = v.Time("end", end, "End");
        if (day is { } d && (d < e.StartsOn || d > e.EndsOn)) v.Add("date", $"{d:yyyy-MM-dd} is not a day of {e.Name}.");
        if (from is { } f && to is { } t && t <= f) v.Add("end", "The block must end after it starts (on the same day).");
        if (v.HasErrors) return null;
        var starts = Utc(e, day!.Value, from!.Value, "start", v);
        var ends = Utc(e, day.Value, to!.Value, "end", v);
        if (starts is null || ends is null) return null;
        if ((ends.Value - starts.Value).TotalMinutes < 15) v.Add("end", "A block lasts at least 15 minutes.");
        return v.HasErrors ? null : new TimeRange(roomId!.Value, starts.Value, ends.Value);
    }

    public static BlockSessionValues? Validate(BlockSessionInput input, Validator v)
    {
        var kind = string.IsNullOrWhiteSpace(input.Kind) ? SessionKinds.Talk : input.Kind.Trim().ToLowerInvariant();
        if (!Kinds.Contains(kind)) v.Add("kind", $"Type must be one of: {string.Join(", ", Kinds)}.");
        var title = v.Required("title", input.Title, SessionRules.MaxTitle, "Title");
        if (title is not null && title.Contains('\n')) v.Add("title", "The title must fit on one line.");
        var summary = v.Optional("abstract", input.Abstract, SessionRules.MaxText, "Abstract");
        var start = v.Time("start", input.Start, "Start");
        var end = v.Time("end", input.End, "End");
        // TimeOnly subtraction wraps around midnight (14:00 - 15:00 is 23 hours): compare the times of day as spans.
        if (start is { } s && end is { } en && (en.ToTimeSpan() - s.ToTimeSpan()).TotalMinutes < MinSessionMinutes)
            v.Add("end", $"The session must end at least {MinSessionMinutes} minutes after it starts.");
        var emails = v.TextList("speakerEmails", input.SpeakerEmails, 254, "speaker emails").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (emails.Any(x => x.Length > 254 || !x.Contains('@'))) v.Add("speakerEmails", "Give each speaker with an account as the email address of that account.");
        var names = v.TextList("speakerNames", input.SpeakerNames, 100, "speaker names").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (names.Any(x => x.Length > 100 || x.Contains('\n'))) v.Add("speakerNames", "Each speaker's name fits on one line (at most 100 characters).");
        if (emails.Count + names.Count > MaxSpeakers) v.Add("speakerNames", $"A session has at most {MaxSpeakers} speakers.");
        return v.HasErrors ? null : new BlockSessionValues(kind, title!, summary, start!.Value, end!.Value, emails, names);
    }

    public static DateTimeOffset? Utc(EventRow e, DateOnly date, TimeOnly time, string field, Validator v)
    {
        var local = date.ToDateTime(time);
        if (e.Zone.IsInvalidTime(local))
        {
            v.Add(field, $"{time:HH:mm} does not exist on {date:yyyy-MM-dd} in {e.TimeZone} (the clocks change).");
            return null;
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, e.Zone), TimeSpan.Zero);
    }

    /// <summary>Splits a free-text list (commas or new lines) as the forms send it.</summary>
    public static List<string> SplitList(string? text) =>
        (text ?? "").Split([',', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
