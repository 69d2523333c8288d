namespace EventPlanner.Web.Features.Lightning;

public sealed record LightningSessionResponse(
    long SessionId, string Title, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Room,
    int SlotMinutes, int ChangeoverMinutes, int SlotCount, int HeldBack, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool SignUpOpen,
    bool FirstTimerPriority, int ConfirmMinutes, bool Locked, int Version, int SlotsTaken, int Waiting,
    IReadOnlyList<PublicTalkResponse>? Lineup, TalkResponse? Mine);

/// <summary>A talk of a locked line-up, as anyone may see it.</summary>
public sealed record PublicTalkResponse(int Position, string Title, string Speaker, string Description, DateTimeOffset? PlannedStart, string? Slides);

/// <summary>A talk as its speaker and the organisers see it. Position: in the running order, or in the waitlist.</summary>
public sealed record TalkResponse(
    long Id, long SessionId, long UserId, string Speaker, string Title, string Description, string? Slides, string Status, int? Position,
    bool OnTheDay, bool FirstTimer, DateTimeOffset? OfferExpiresAt, string? Outcome, DateTimeOffset? PlannedStart, DateTimeOffset SignedUpAt);

public sealed record OrganiserLineupResponse(LightningSessionResponse Session, IReadOnlyList<TalkResponse> RunningOrder, IReadOnlyList<TalkResponse> Waitlist,
    IReadOnlyList<TalkResponse> Past, string RunSheetLink);

public sealed record RunSheetResponse(
    long SessionId, string Title, string? Room, int Version, DateTimeOffset ServerNow, int SlotSeconds, bool Locked,
    TalkResponse? Now, DateTimeOffset? NowStartedAt, TalkResponse? Next, TalkResponse? Called, DateTimeOffset? CalledAt, IReadOnlyList<TalkResponse> RunningOrder);

public sealed record LineupVersion(int Version);

public static class LightningMapping
{
    public static bool SignUpOpen(this LightningSessionRow s, DateTimeOffset now) => s.IsPlaced && !s.IsLocked && now >= s.OpensAt && now < s.ClosesAt;

    public static DateTimeOffset? PlannedStart(this Lineup l, TalkRow t) =>
        l.Session.StartsAt is { } start && t.HoldsSlot && l.PositionOf(t) is { } p
            ? LightningRules.PlannedStart(start, p - 1, l.Session.SlotMinutes, l.Session.ChangeoverMinutes)
            : null;

    public static TalkResponse AsResponse(this Lineup l, TalkRow t, string slug) =>
        new(t.Id, t.SessionId, t.UserId, t.SpeakerName, t.Title, t.Description, t.SlidesLink(slug), t.Status, l.PositionOf(t), t.OnTheDay, t.FirstTimer,
            t.Status == TalkStatuses.Offered ? t.OfferExpiresAt : null, t.Outcome, l.PlannedStart(t), t.CreatedAt);

    public static LightningSessionResponse AsResponse(this Lineup l, string slug, long? userId, DateTimeOffset now)
    {
        var s = l.Session;
        var lineup = s.IsLocked
            ? l.Confirmed.Select((t, i) => new PublicTalkResponse(i + 1, t.Title, t.SpeakerName, t.Description, l.PlannedStart(t), t.SlidesLink(slug))).ToList()
            : null;
        var mine = userId is { } u ? l.Talks.Where(t => t.UserId == u).OrderByDescending(t => t.IsActive).ThenByDescending(t => t.Seq).FirstOrDefault() : null;
        return new LightningSessionResponse(s.SessionId, s.Title, s.StartsAt, s.EndsAt, s.RoomName, s.SlotMinutes, s.ChangeoverMinutes, s.SlotCount, s.HeldSlots,
            s.OpensAt, s.ClosesAt, s.SignUpOpen(now), s.FirstTimerPriority, s.ConfirmMinutes, s.IsLocked, s.LineupVersion, l.RunningOrder.Count, l.Waitlist.Count,
            lineup, mine is null ? null : l.AsResponse(mine, slug));
    }

    public static OrganiserLineupResponse AsOrganiserResponse(this Lineup l, string slug, DateTimeOffset now) =>
        new(l.AsResponse(slug, null, now), l.RunningOrder.Select(t => l.AsResponse(t, slug)).ToList(), l.Waitlist.Select(t => l.AsResponse(t, slug)).ToList(),
            l.Talks.Where(t => !t.IsActive).OrderBy(t => t.Seq).Select(t => l.AsResponse(t, slug)).ToList(),
            RunSheetLink(slug, l.Session));

    public static string RunSheetLink(string slug, LightningSessionRow s) => $"/events/{slug}/lightning/{s.SessionId}/run-sheet?key={s.RunSheetKey}";

    public static RunSheetResponse AsRunSheet(this Lineup l, string slug, DateTimeOffset now)
    {
        var s = l.Session;
        var confirmed = l.Confirmed;
        var current = s.CurrentTalkId is { } c ? confirmed.FirstOrDefault(t => t.Id == c) : null;
        var next = current is null
            ? confirmed.FirstOrDefault(t => t.Outcome is null)
            : confirmed.SkipWhile(t => t.Id != current.Id).Skip(1).FirstOrDefault(t => t.Outcome is null);
        var called = s.CalledTalkId is { } k ? confirmed.FirstOrDefault(t => t.Id == k) : null;
        TalkResponse? R(TalkRow? t) => t is null ? null : l.AsResponse(t, slug);
        return new RunSheetResponse(s.SessionId, s.Title, s.RoomName, s.LineupVersion, now, s.SlotMinutes * 60, s.IsLocked,
            R(current), current is null ? null : s.CurrentStartedAt, R(next), R(called), called is null ? null : s.CalledAt,
            confirmed.Select(t => l.AsResponse(t, slug)).ToList());
    }
}
