using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Community;

/// <summary>How community writes refuse: a host-only action, or a room rule with what could work instead.</summary>
internal static class CommunityWrites
{
    public static WriteResult<T> Forbidden<T>(string message) => WriteResult<T>.Forbidden(message, "Only the group's hosts can do that");

    /// <summary>A refusal as problem details, with what could work instead (free rooms at that time, the room's next free time).</summary>
    public static WriteResult<T> Refused<T>(Refusal r) => WriteResult<T>.Conflict(r.Title, r.Detail, details: r,
        extensions: new Dictionary<string, object?> { ["clashes"] = r.Clashes, ["freeRooms"] = r.FreeRooms, ["nextFree"] = r.NextFree },
        formMessage: r.Summary, status: r.Status);
}
