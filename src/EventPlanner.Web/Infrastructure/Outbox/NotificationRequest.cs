namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// A promise to tell one user something. <paramref name="DedupeKey"/> names the business fact and the
/// recipient (e.g. <c>team-role-granted:{eventId}:{userId}:{role}</c>): writing the same key twice
/// queues one notification. <paramref name="Values"/> fill the kind's placeholders; a value that is
/// an app-relative path ("/events/x") becomes an absolute link. <paramref name="Wording"/> replaces
/// the template for messages that bring their own (bulk mail). <paramref name="UserId"/> is null only
/// for someone who may have no account: see <see cref="ForAddress"/>.
/// </summary>
public sealed record NotificationRequest(
    string DedupeKey,
    string Kind,
    long? UserId,
    long? EventId,
    IReadOnlyDictionary<string, string> Values,
    Wording? Wording = null)
{
    /// <summary>The address to write to when <see cref="UserId"/> is null.</summary>
    public string? ToAddress { get; init; }

    /// <summary>How to greet that address; the address itself when not given.</summary>
    public string? ToName { get; init; }

    /// <summary>Files for the email (not shown in the inbox). Stored with the row in the same transaction; none by default.</summary>
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];

    /// <summary>
    /// A notification to an email address (a co-speaker invitation, a ticket offered to a friend).
    /// The outbox writes it to the account with that confirmed address if there is one (so it is in
    /// their inbox too); otherwise it goes by email only and is in nobody's inbox. Transactional kinds only.
    /// </summary>
    public static NotificationRequest ForAddress(string dedupeKey, string kind, string address, string? name, long? eventId,
        IReadOnlyDictionary<string, string> values) =>
        new(dedupeKey, kind, null, eventId, values) { ToAddress = address, ToName = name };
}

public static class NotificationStates
{
    public const string Held = "held";
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Suppressed = "suppressed";
    public const string Discarded = "discarded";

    public static readonly string[] All = [Held, Pending, Sending, Sent, Failed, Suppressed, Discarded];
}

/// <summary>
/// A file that travels with a notification: stored with the outbox row, attached by every sender.
/// <paramref name="ContentType"/> is a full MIME type, parameters allowed ("text/calendar; charset=utf-8; method=PUBLISH").
/// </summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);
