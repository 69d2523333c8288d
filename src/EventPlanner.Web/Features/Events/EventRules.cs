using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Events;

/// <summary>What makes an event, room, track or day valid; plain code, unit-tested without a host.</summary>
public static class EventRules
{
    public const int MaxEventDays = 14;

    // /events/new is the create form: an event with that slug could never be reached.
    private static readonly HashSet<string> ReservedSlugs = ["new"];

    public static EventValues? Validate(EventInput input, Validator v)
    {
        var slug = v.Slug("slug", input.Slug);
        if (slug is not null && ReservedSlugs.Contains(slug)) v.Add("slug", $"'{slug}' is reserved for the site's own pages; choose another.");
        var name = v.Required("name", input.Name, 120, "Name");
        var description = v.Optional("description", input.Description, 20_000, "Description");
        var venue = v.Optional("venue", input.Venue, 300, "Venue");
        var zone = v.TimeZone("timeZone", input.TimeZone);
        var starts = v.Date("startsOn", input.StartsOn, "Start date");
        var ends = v.Date("endsOn", input.EndsOn, "End date");
        if (starts is { } s && ends is { } e)
        {
            if (e < s) v.Add("endsOn", "The end date must be on or after the start date.");
            else if (e.DayNumber - s.DayNumber + 1 > MaxEventDays) v.Add("endsOn", $"An event may last at most {MaxEventDays} days.");
        }
        var parent = string.IsNullOrWhiteSpace(input.ParentSlug) ? null : input.ParentSlug.Trim();
        if (parent is not null && parent == slug) v.Add("parentSlug", "An event cannot sit under itself.");
        if (v.HasErrors) return null;
        return new EventValues(slug!, name!, description, venue, zone!.Id, starts!.Value, ends!.Value, input.IsPublic ?? true, parent);
    }

    public static (string Name, int Capacity, string Notes, int SortOrder)? Validate(RoomInput input, Validator v)
    {
        var name = v.Required("name", input.Name, 100, "Room name");
        var capacity = v.Range("capacity", input.Capacity, 0, 100_000, "Capacity");
        var notes = v.Optional("accessibilityNotes", input.AccessibilityNotes, 2_000, "Accessibility notes");
        var sort = input.SortOrder ?? 0;
        return v.HasErrors ? null : (name!, capacity, notes, sort);
    }

    public static (string Name, string Colour)? Validate(TrackInput input, Validator v)
    {
        var name = v.Required("name", input.Name, 100, "Track name");
        var colour = v.Colour("colour", input.Colour);
        return v.HasErrors ? null : (name!, colour);
    }

    public static (TimeOnly Opens, TimeOnly Closes)? Validate(DayInput input, Validator v)
    {
        var opens = v.Time("opensAt", input.OpensAt, "Opening time");
        var closes = v.Time("closesAt", input.ClosesAt, "Closing time");
        if (opens is { } o && closes is { } c && c <= o) v.Add("closesAt", "The closing time must be after the opening time.");
        return v.HasErrors ? null : (opens!.Value, closes!.Value);
    }

    public static string? ValidateRole(string? role, Validator v)
    {
        var r = role?.Trim().ToLowerInvariant();
        if (r is not ("organiser" or "reviewer")) { v.Add("role", "Role must be 'organiser' or 'reviewer'."); return null; }
        return r;
    }

    public static IEnumerable<DateOnly> Dates(DateOnly starts, DateOnly ends)
    {
        for (var n = starts.DayNumber; n <= ends.DayNumber; n++) yield return DateOnly.FromDayNumber(n);
    }
}
