namespace EventPlanner.Web.Features.Notifications;

/// <summary>
/// What one kind of notification is: its built-in wording, the placeholders it may use, and how it
/// travels. Transactional kinds (account, ticket, transfer, decisions) are always emailed; optional
/// kinds (reminders, digests, bulk mail) carry a one-click unsubscribe. Held kinds wait for an
/// organiser to release them.
/// </summary>
public sealed record NotificationKind
{
    public required string Name { get; init; }
    public required string Label { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }

    /// <summary>Placeholders the writer supplies, besides the common ones every kind gets.</summary>
    public IReadOnlyList<string> Placeholders { get; init; } = [];

    /// <summary>Values for a preview when no real notification of this kind exists yet.</summary>
    public IReadOnlyDictionary<string, string> SampleValues { get; init; } = new Dictionary<string, string>();

    public bool Transactional { get; init; } = true;

    /// <summary>Written as 'held'; an organiser reviews and releases it.</summary>
    public bool HeldForRelease { get; init; }

    /// <summary>About one event, so organisers may override the wording for their event.</summary>
    public bool EventScoped { get; init; } = true;

    /// <summary>Organisers may replace the built-in wording for their event.</summary>
    public bool Overridable { get; init; } = true;

    /// <summary>
    /// False for mails carrying a one-time secret (password reset): a link in the inbox would let
    /// whoever holds a session change the password without knowing it.
    /// </summary>
    public bool InInbox { get; init; } = true;

    /// <summary>Once sent, the body and payload are wiped so the secret does not linger in the database.</summary>
    public bool ScrubAfterSend { get; init; }

    public IEnumerable<string> AllPlaceholders => (EventScoped ? CommonEventPlaceholders : CommonPlaceholders).Concat(Placeholders);

    public static readonly string[] CommonPlaceholders = ["recipient_name", "site_name"];
    public static readonly string[] CommonEventPlaceholders = ["recipient_name", "site_name", "event_name", "event_link"];
}

/// <summary>
/// The registry of kinds. A feature that notifies adds its kinds here (one entry, with wording a
/// volunteer would be happy to receive) and writes rows through <see cref="Outbox"/>.
/// </summary>
public static class NotificationKinds
{
    public static readonly NotificationKind AccountConfirm = new()
    {
        Name = "account-confirm",
        Label = "Confirm your account",
        EventScoped = false,
        InInbox = false,
        ScrubAfterSend = true,
        Placeholders = ["link"],
        Subject = "Confirm your {site_name} account",
        Body = """
            Hello {recipient_name},

            Please confirm your email address by opening this link:

            {link}

            If you did not register, ignore this message.
            """,
    };

    public static readonly NotificationKind PasswordReset = new()
    {
        Name = "password-reset",
        Label = "Reset your password",
        EventScoped = false,
        InInbox = false,
        ScrubAfterSend = true,
        Placeholders = ["link"],
        Subject = "Reset your {site_name} password",
        Body = """
            Hello {recipient_name},

            Someone (hopefully you) asked to reset your password. Open this link to choose a new one:

            {link}

            The link works for 24 hours. If you did not ask, ignore this message.
            """,
    };

    public static readonly NotificationKind TeamRoleGranted = new()
    {
        Name = "team-role-granted",
        Label = "Added to the event team",
        Placeholders = ["role", "granted_by"],
        SampleValues = new Dictionary<string, string> { ["role"] = "reviewer", ["granted_by"] = "Ana Lee" },
        Subject = "You are now on the {event_name} team as {role}",
        Body = """
            Hello {recipient_name},

            {granted_by} added you to the team of **{event_name}** as a {role}.

            The event's page: {event_link}
            """,
    };

    public static readonly NotificationKind EventStartsTomorrow = new()
    {
        Name = "reminder-event-starts-tomorrow",
        Label = "Reminder: the event starts tomorrow",
        Transactional = false,
        Placeholders = ["starts_on", "venue"],
        SampleValues = new Dictionary<string, string> { ["starts_on"] = "Saturday 5 December 2026", ["venue"] = "Menara Example, Kuala Lumpur" },
        Subject = "{event_name} starts tomorrow",
        Body = """
            Hello {recipient_name},

            **{event_name}** starts tomorrow, {starts_on}, at {venue}. Thank you for being part of the team.

            {event_link}
            """,
    };

    /// <summary>Bulk mail: each message brings its own wording (NotificationRequest.Wording), so there is nothing to override.</summary>
    public static readonly NotificationKind Bulk = new()
    {
        Name = "bulk",
        Label = "Message from the organisers",
        Transactional = false,
        HeldForRelease = true,
        Overridable = false,
        Subject = "A message from the organisers of {event_name}",
        Body = "",
    };

    public static IReadOnlyList<NotificationKind> All { get; } = [AccountConfirm, PasswordReset, TeamRoleGranted, EventStartsTomorrow, Bulk, .. Schedule.ScheduleNotificationKinds.All];

    private static readonly Dictionary<string, NotificationKind> ByName = All.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public static NotificationKind? Find(string name) => ByName.GetValueOrDefault(name);

    public static NotificationKind Get(string name) =>
        Find(name) ?? throw new InvalidOperationException($"Unknown notification kind '{name}': add it to NotificationKinds.All.");
}
