using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Community;

public sealed record HostResponse(long Id, string Name);
public sealed record GroupResponse(long Id, string Name, string Description, string Contacts, string? LogoUrl, string Status, string? DeclineReason,
    long? TrackId, IReadOnlyList<HostResponse> Hosts);
public sealed record ProposalResponse(long RoomId, string Room, string Date, string Start, string End, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
public sealed record BlockResponse(long Id, long GroupId, string Group, string Status, string StatusLabel, long? RoomId, string Room, long? RequestedRoomId,
    string Date, string Start, string End, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int ExpectedAttendance, string Purpose, string AvNeeds,
    ProposalResponse? Proposal, string OrganiserNote, string? DeclineReason, int Version);
public sealed record SpeakerResponse(long Id, string Name);
public sealed record BlockSessionResponse(long Id, long BlockId, string Kind, string Title, string Abstract, string Start, string End, DateTimeOffset StartsAt,
    int DurationMinutes, bool IsCancelled, int Version, IReadOnlyList<SpeakerResponse> Speakers, IReadOnlyList<string> Guests);
public sealed record BlockDetailResponse(BlockResponse Block, IReadOnlyList<BlockSessionResponse> Sessions);
public sealed record CalendarItem(long SessionId, long RoomId, string Title, string Start, string End, string Source, string? Track);
public sealed record CalendarResponse(string Date, IReadOnlyList<RoomResponse> Rooms, IReadOnlyList<CalendarItem> Programme, IReadOnlyList<BlockDetailResponse> Blocks);
public sealed record FreeRoomsResponse(IReadOnlyList<FreeRoom> FreeRooms);

public static class CommunityMapping
{
    public static GroupResponse AsResponse(this GroupRow g) =>
        new(g.Id, g.Name, g.Description, g.Contacts, g.LogoUrl, g.Status, g.DeclineReason, g.TrackId, g.Hosts.Select(h => new HostResponse(h.Id, h.Name)).ToList());

    public static BlockResponse AsResponse(this BlockRow b, EventRow e, IReadOnlyList<RoomRow> rooms)
    {
        string Room(long? id) => rooms.FirstOrDefault(r => r.Id == id)?.Name ?? "";
        var z = e.Zone;
        ProposalResponse? proposal = b is { ProposedRoomId: { } pr, ProposedStartsAt: { } ps, ProposedEndsAt: { } pe }
            ? new ProposalResponse(pr, Room(pr), CommunityText.Day(z, ps), CommunityText.Hm(z, ps), CommunityText.Hm(z, pe), ps, pe)
            : null;
        return new BlockResponse(b.Id, b.GroupId, b.GroupName, b.Status, BlockStatuses.Label(b.Status), b.RoomId, Room(b.RoomId), b.RequestedRoomId,
            CommunityText.Day(z, b.StartsAt), CommunityText.Hm(z, b.StartsAt), CommunityText.Hm(z, b.EndsAt), b.StartsAt, b.EndsAt, b.ExpectedAttendance,
            b.Purpose, b.AvNeeds, proposal, b.OrganiserNote, b.DeclineReason, b.Version);
    }

    public static BlockSessionResponse AsResponse(this BlockSessionRow s, EventRow e) =>
        new(s.Id, s.BlockId, s.Kind, s.Title, s.Abstract, CommunityText.Hm(e.Zone, s.StartsAt), CommunityText.Hm(e.Zone, s.EndsAt), s.StartsAt,
            s.DurationMinutes, s.IsCancelled, s.Version, s.Speakers.Select(p => new SpeakerResponse(p.Id, p.Name)).ToList(), s.Guests);
}
