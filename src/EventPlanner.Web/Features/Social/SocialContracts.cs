namespace EventPlanner.Web.Features.Social;

// Requests: every field nullable so a missing one becomes a field message, not a binding error.

/// <summary>Date and times are local to the event's zone; an end at or before the start is on the next day (a pub night past midnight).</summary>
public sealed record SocialEventInput(string? Title, string? Description, string? Place, string? Date, string? Starts, string? Ends,
    int? Capacity, int? MaxGuests, bool? IsOpen, bool? IsPublic);

/// <summary>Groups: "speakers" (confirmed speakers), "team" (organisers and reviewers); plus hand-picked addresses.</summary>
public sealed record SocialInviteInput(IReadOnlyList<string?>? Groups, IReadOnlyList<string?>? Emails);

/// <summary>An answer: attending yes or no, guests where allowed, and needs only organisers see.</summary>
public sealed record SocialRsvpInput(bool? Attending, int? Guests, string? Dietary, string? Accessibility);

// Responses.
public sealed record SocialEventResponse(long Id, string Title, string Description, string Place, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string When, int Capacity, int MaxGuests, bool IsOpen, bool IsPublic, int Seated, int Free);

public sealed record SocialInviteResponse(int Invited, int AlreadyInvited, int Total);

/// <summary>What the invitee sees through their link: their own answer and the event, nobody else's.</summary>
public sealed record SocialRsvpResponse(string EventName, SocialEventResponse Social, string Name, string State, int Guests, string Dietary,
    string Accessibility, int? WaitingPosition);

/// <summary>One invitee as organisers see them.</summary>
public sealed record SocialGuestResponse(long Id, string Name, string Email, string State, int Guests, string Dietary, string Accessibility,
    int? WaitingPosition, DateTimeOffset? RespondedAt);

public sealed record SocialTotals(int Invited, int Yes, int Guests, int People, int Waiting, int WaitingPeople, int No, int NoReply, int Capacity, int Free);

public sealed record SocialNeedCount(string Need, int Replies, int People);

public sealed record SocialListResponse(SocialEventResponse Social, SocialTotals Totals, IReadOnlyList<SocialNeedCount> Dietary,
    IReadOnlyList<SocialGuestResponse> Guests);

public static class SocialMapping
{
    public static SocialEventResponse AsResponse(this SocialEventRow s, TimeZoneInfo zone) =>
        new(s.Id, s.Title, s.Description, s.Place, s.StartsAt, s.EndsAt, SocialNotices.When(s, zone), s.Capacity, s.MaxGuests, s.IsOpen, s.IsPublic,
            s.Seated, s.Free);
}
