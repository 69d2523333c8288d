using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Web.Features.Social;

/// <summary>
/// The social events someone is coming to, in their private calendar feed beside their starred sessions. Like the
/// sessions there, only those of public events: the feed address is a bearer secret. For the same reason the entry
/// links to the agenda page (behind login), not to the RSVP link, which would let whoever holds the feed change the answer.
/// </summary>
public sealed class SocialAgendaFeed(SocialStore store) : IAgendaFeedContributor
{
    public async Task<IReadOnlyList<AgendaFeedEntry>> EntriesAsync(long userId, CancellationToken ct = default) =>
        (await store.ForUserAsync(userId, ct))
        .Where(s => s.State == SocialStates.Attending && s.EventIsPublic)
        .Select(s => new AgendaFeedEntry($"social-{s.SocialEventId}@{s.Slug}", s.Title, s.Place,
            $"{s.Description}\n\n{s.EventName}{(s.Guests > 0 ? $" (you and {s.Guests} guest{(s.Guests == 1 ? "" : "s")})" : "")}".Trim(),
            s.StartsAt, s.EndsAt, s.TimeZone, "/my/agenda", s.UpdatedAt))
        .ToList();
}
