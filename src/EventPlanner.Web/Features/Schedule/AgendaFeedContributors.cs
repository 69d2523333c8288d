namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// Something besides starred sessions that belongs in a person's private calendar feed (a dinner they are coming to).
/// Features listed after Schedule register one (<c>services.AddSingleton&lt;IAgendaFeedContributor, …&gt;()</c>), so
/// the feed names none of them. The feed address is a bearer secret: return entries of public events only.
/// </summary>
public interface IAgendaFeedContributor
{
    Task<IReadOnlyList<AgendaFeedEntry>> EntriesAsync(long userId, CancellationToken ct = default);
}

/// <summary>
/// One calendar entry; <paramref name="TimeZone"/> is the event's IANA zone, <paramref name="Url"/> absolute or app-relative,
/// <paramref name="ChangedAt"/> its last change (DTSTAMP).
/// </summary>
public sealed record AgendaFeedEntry(string Uid, string Title, string Location, string Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string TimeZone, string Url, DateTimeOffset ChangedAt);
