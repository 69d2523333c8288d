using System.Data;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>
/// Lightning's part of what withdrawing or removing a talk touches (the confirmation step): read on the caller's
/// connection, inside its transaction when the confirming post recounts before it writes. Title null: no such active talk.
/// </summary>
public static class LightningImpact
{
    /// <summary>The talk by id (organisers) or the person's active one (speakers); when both are given they must match, as the withdrawal checks.</summary>
    public static async Task<(string? Title, bool HoldsSlot, bool Locked, int Waiting)> TalkAsync(
        IDbConnection c, IDbTransaction? tx, long eventId, long sessionId, long? talkId, long? userId)
    {
        if (await LightningSql.LoadInAsync(c, tx, eventId, sessionId) is not { } lineup) return default;
        var talk = talkId is { } id ? lineup.Find(id) : userId is { } u ? lineup.ActiveOf(u) : null;
        if (talk is null || !talk.IsActive || (talkId is not null && userId is not null && talk.UserId != userId)) return default;
        return (talk.Title, talk.HoldsSlot, lineup.Session.IsLocked, lineup.Waitlist.Count(t => t.Id != talk.Id));
    }
}
