using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Community;

/// <summary>
/// The event behind a community page or endpoint. Like the event page, a hidden event does not exist for strangers
/// (404): only its team sees it. Organisers of the event see every group and request; others see approved groups.
/// </summary>
public sealed class CommunityAccess(EventStore events, VenueStore venue, EventAccess access) : EventVisibility(events, access)
{
    public async Task<IReadOnlyList<RoomRow>> RoomsAsync(EventRow e, CancellationToken ct = default) => (await venue.ListPartsAsync(e.Id, ct)).Rooms;
}
