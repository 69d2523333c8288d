using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Social;

public sealed record SocialEventValues(string Title, string Description, string Place, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity,
    int MaxGuests, bool IsOpen, bool IsPublic);

public sealed record SocialInviteValues(bool Speakers, bool Team, IReadOnlyList<string> Emails);

public sealed record SocialRsvpValues(bool Attending, int Guests, string Dietary, string Accessibility);

/// <summary>Plain checks of what organisers and invitees send, with no ASP.NET types, so they unit-test without a host.</summary>
public static class SocialRules
{
    public const int MaxTitle = 200, MaxDescription = 4000, MaxPlace = 300, MaxNeeds = 500, MaxEmail = 254, MaxCapacity = 10000, MaxGuestsLimit = 10;

    /// <summary>A dinner the night before or a party the day after: within two weeks of the event's days.</summary>
    public const int DaysAround = 14;

    /// <summary>One request may hand-pick this many addresses (groups cover the rest).</summary>
    public const int MaxEmails = 500;

    public const string SpeakersGroup = "speakers", TeamGroup = "team";

    public static SocialEventValues? ValidateEvent(SocialEventInput input, EventRow e, Validator v)
    {
        var title = v.Required("title", input.Title, MaxTitle, "Title");
        var description = v.Optional("description", input.Description, MaxDescription, "Description");
        var place = v.Required("place", input.Place, MaxPlace, "Place");
        var date = v.Date("date", input.Date, "Day");
        var starts = v.Time("starts", input.Starts, "Start");
        var ends = v.Time("ends", input.Ends, "End");
        var capacity = v.Range("capacity", input.Capacity, 1, MaxCapacity, "Capacity");
        var maxGuests = input.MaxGuests is null ? 0 : v.Range("maxGuests", input.MaxGuests, 0, MaxGuestsLimit, "Guests per invitee");
        if (date is { } d && (d < e.StartsOn.AddDays(-DaysAround) || d > e.EndsOn.AddDays(DaysAround)))
        {
            v.Add("date", $"{d:yyyy-MM-dd} is more than {DaysAround} days away from {e.Name}.");
        }
        if (v.HasErrors) return null;
        var zone = e.Zone;
        var localStart = date!.Value.ToDateTime(starts!.Value);
        // Ending at or before the start means after midnight: a pub night until 01:00.
        var localEnd = (ends <= starts ? date.Value.AddDays(1) : date.Value).ToDateTime(ends!.Value);
        if (zone.IsInvalidTime(localStart) || zone.IsInvalidTime(localEnd))
        {
            v.Add("starts", $"That time does not exist on {date:yyyy-MM-dd} in {e.TimeZone} (the clocks change).");
            return null;
        }
        return new SocialEventValues(title!, description, place!, Utc(localStart, zone), Utc(localEnd, zone), capacity, maxGuests,
            input.IsOpen ?? false, input.IsPublic ?? false);
    }

    public static SocialInviteValues? ValidateInvite(SocialInviteInput input, Validator v)
    {
        var groups = v.TextList("groups", input.Groups, 40, "groups", 10);
        foreach (var g in groups.Where(g => g is not (SpeakersGroup or TeamGroup)))
        {
            v.Add("groups", $"'{g}' is not a group: use \"{SpeakersGroup}\" (confirmed speakers) or \"{TeamGroup}\" (organisers and reviewers).");
        }
        var emails = v.TextList("emails", input.Emails, MaxEmail, "email addresses", MaxEmails);
        for (var i = 0; i < emails.Count; i++)
        {
            if (!System.Net.Mail.MailAddress.TryCreate(emails[i], out var a) || a.Address != emails[i]) v.Add("emails", $"'{emails[i]}' is not an email address.");
        }
        if (!v.HasErrors && groups.Count == 0 && emails.Count == 0) v.Add("groups", "Choose a group or give at least one email address.");
        if (v.HasErrors) return null;
        return new SocialInviteValues(groups.Contains(SpeakersGroup), groups.Contains(TeamGroup),
            emails.DistinctBy(x => x.ToUpperInvariant()).ToList());
    }

    public static SocialRsvpValues? ValidateRsvp(SocialRsvpInput input, int maxGuests, Validator v)
    {
        if (input.Attending is null) v.Add("attending", "Say whether you are coming.");
        var guests = input.Guests ?? 0;
        if (guests < 0) v.Add("guests", "Guests cannot be fewer than none.");
        else if (input.Attending == true && guests > maxGuests)
        {
            v.Add("guests", maxGuests == 0 ? "This invitation is for you alone: no guests." : $"You may bring at most {maxGuests} guest{(maxGuests == 1 ? "" : "s")}.");
        }
        var dietary = v.Optional("dietary", input.Dietary, MaxNeeds, "Dietary needs");
        var accessibility = v.Optional("accessibility", input.Accessibility, MaxNeeds, "Accessibility needs");
        if (v.HasErrors) return null;
        return new SocialRsvpValues(input.Attending!.Value, input.Attending == true ? guests : 0, dietary, accessibility);
    }

    /// <summary>Whether a change moves the social event for those coming: another place, start or end (a new title does not).</summary>
    public static bool MovedFor(SocialEventRow before, SocialEventRow after) =>
        before.Place != after.Place || before.StartsAt != after.StartsAt || before.EndsAt != after.EndsAt;

    /// <summary>"Vegetarian", " vegetarian " and "VEGETARIAN." count as one need on the venue's list.</summary>
    public static string NeedKey(string need) => need.Trim().TrimEnd('.', '!', ' ').ToLowerInvariant();

    private static DateTimeOffset Utc(DateTime local, TimeZoneInfo zone) => new(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
}
