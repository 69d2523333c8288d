namespace EventPlanner.Web.Features.Lightning;

public static class TalkStatuses
{
    public const string Confirmed = "confirmed";
    public const string Offered = "offered";
    public const string Waitlisted = "waitlisted";
    public const string Withdrawn = "withdrawn";
    public const string Lapsed = "lapsed";
    public const string Removed = "removed";

    /// <summary>Holding a slot or a place in the queue: what "one talk per person per session" counts.</summary>
    public static readonly string[] Active = [Confirmed, Offered, Waitlisted];

    public static string Label(string status) => status switch
    {
        Confirmed => "Confirmed",
        Offered => "Slot offered: confirm it",
        Waitlisted => "On the waitlist",
        Withdrawn => "Withdrawn",
        Lapsed => "Offer lapsed",
        Removed => "Removed by the organisers",
        _ => status,
    };
}

public static class SlotPools
{
    public const string Open = "open";
    public const string Held = "held";
}

public static class TalkOutcomes
{
    public const string Given = "given";
    public const string NoShow = "no-show";
    public static readonly string[] All = [Given, NoShow];
}

// Stored rows: init properties (not positional records) so Dapper applies the date/time type handlers.

/// <summary>A lightning session's settings with what it needs of its schedule session.</summary>
public sealed record LightningSessionRow
{
    public long SessionId { get; init; }
    public long EventId { get; init; }
    public string Title { get; init; } = "";
    public string Abstract { get; init; } = "";
    public int DurationMinutes { get; init; }
    public DateTimeOffset? StartsAt { get; init; }
    public long? RoomId { get; init; }
    public string? RoomName { get; init; }
    public bool IsCancelled { get; init; }
    public int SlotMinutes { get; init; }
    public int ChangeoverMinutes { get; init; }
    public DateTimeOffset OpensAt { get; init; }
    public DateTimeOffset ClosesAt { get; init; }
    public int HeldBack { get; init; }
    public bool FirstTimerPriority { get; init; }
    public int ConfirmMinutes { get; init; }
    public DateTimeOffset? LockedAt { get; init; }
    public int LineupVersion { get; init; }
    public long? CurrentTalkId { get; init; }
    public DateTimeOffset? CurrentStartedAt { get; init; }
    public long? CalledTalkId { get; init; }
    public DateTimeOffset? CalledAt { get; init; }
    public string RunSheetKey { get; init; } = "";

    public bool IsLocked => LockedAt is not null;
    public bool IsPlaced => StartsAt is not null && RoomId is not null && !IsCancelled;
    public int SlotCount => LightningRules.SlotCount(DurationMinutes, SlotMinutes, ChangeoverMinutes);
    public int HeldSlots => Math.Min(HeldBack, SlotCount);
    public DateTimeOffset? EndsAt => StartsAt?.AddMinutes(DurationMinutes);
}

/// <summary>The few columns of a schedule session this feature reads before it has settings.</summary>
public sealed record ScheduleSessionRef
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Title { get; init; } = "";
    public int DurationMinutes { get; init; }
    public DateTimeOffset? StartsAt { get; init; }
    public bool IsCancelled { get; init; }
}

public sealed record TalkRow
{
    public long Id { get; init; }
    public long SessionId { get; init; }
    public long EventId { get; init; }
    public long UserId { get; init; }
    public string SpeakerName { get; init; } = "";
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string? SlidesUrl { get; init; }
    public string? SlidesFile { get; init; }
    public string Status { get; init; } = TalkStatuses.Waitlisted;
    public string? Pool { get; init; }
    public bool OnTheDay { get; init; }
    public bool FirstTimer { get; init; }
    public long Seq { get; init; }
    public int? Position { get; init; }
    public DateTimeOffset? OfferExpiresAt { get; init; }
    public string? Outcome { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public bool HoldsSlot => Status is TalkStatuses.Confirmed or TalkStatuses.Offered;
    public bool IsActive => TalkStatuses.Active.Contains(Status);

    /// <summary>The slides to show: the uploaded PDF (under its random name) or the link the speaker gave.</summary>
    public string? SlidesLink(string slug) => SlidesFile is not null ? LightningSlides.Url(slug, SlidesFile) : SlidesUrl;
}

/// <summary>One session's state: settings, every talk (active ones in running or queue order first).</summary>
public sealed record Lineup(LightningSessionRow Session, IReadOnlyList<TalkRow> Talks)
{
    /// <summary>Confirmed and offered talks in running order.</summary>
    public IReadOnlyList<TalkRow> RunningOrder => Talks.Where(t => t.HoldsSlot).OrderBy(t => t.Position).ThenBy(t => t.Seq).ToList();

    public IReadOnlyList<TalkRow> Confirmed => RunningOrder.Where(t => t.Status == TalkStatuses.Confirmed).ToList();

    /// <summary>The waitlist in the order it is served (first-time speakers first when the session says so).</summary>
    public IReadOnlyList<TalkRow> Waitlist => LightningRules.QueueOrder(Talks.Where(t => t.Status == TalkStatuses.Waitlisted), Session.FirstTimerPriority);

    public TalkRow? Find(long id) => Talks.FirstOrDefault(t => t.Id == id);

    /// <summary>
    /// The line-up as a reader sees it at <paramref name="now"/>: an offer past its time shows as lapsed, as the sweep will
    /// store it (without a slot), so a page never offers a slot whose time is up. Only a projection: reads never write; the
    /// recurring job (or the session's next write) lapses it, tells the person and offers the slot to the next in line.
    /// </summary>
    public Lineup AsSeenAt(DateTimeOffset now)
    {
        var due = OffersDueAt(now).Select(t => t.Id).ToHashSet();
        return due.Count > 0
            ? this with { Talks = Talks.Select(t => due.Contains(t.Id) ? t with { Status = TalkStatuses.Lapsed, Pool = null, Position = null } : t).ToList() }
            : this;
    }

    /// <summary>Offers whose time is up at <paramref name="now"/>: what the sweep lapses and what a read shows as lapsed.</summary>
    public IReadOnlyList<TalkRow> OffersDueAt(DateTimeOffset now) =>
        Talks.Where(t => t.Status == TalkStatuses.Offered && t.OfferExpiresAt <= now).ToList();

    public TalkRow? ActiveOf(long userId) => Talks.FirstOrDefault(t => t.UserId == userId && t.IsActive);

    /// <summary>1-based place in the running order, or in the waitlist, for a talk.</summary>
    public int? PositionOf(TalkRow t) => t.HoldsSlot
        ? IndexOf(RunningOrder, t.Id)
        : t.Status == TalkStatuses.Waitlisted ? IndexOf(Waitlist, t.Id) : null;

    private static int? IndexOf(IReadOnlyList<TalkRow> list, long id)
    {
        for (var i = 0; i < list.Count; i++) if (list[i].Id == id) return i + 1;
        return null;
    }
}

// Requests: every field nullable so a missing one becomes a field message, not a binding error.
public sealed record LightningSettingsInput(
    int? SlotMinutes, int? ChangeoverMinutes, string? OpensAt, string? ClosesAt, int? HeldBack, bool? FirstTimerPriority, int? ConfirmMinutes);

public sealed record SignUpInput(string? Title, string? Description, string? SlidesUrl);

public sealed record ReorderInput(int? Version, IReadOnlyList<long>? TalkIds);

public sealed record MoveInput(long? ToSessionId);

public sealed record OutcomeInput(string? Outcome);

public sealed record RunSheetInput(long? TalkId);

// Validated values.
public sealed record LightningSettings(int SlotMinutes, int ChangeoverMinutes, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, int HeldBack,
    bool FirstTimerPriority, int ConfirmMinutes);

public sealed record SignUpValues(string Title, string Description, string? SlidesUrl);
