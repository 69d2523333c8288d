using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventPlanner.Web.Infrastructure;

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
/// The kinds every feature registered (<see cref="NotificationKindServiceCollectionExtensions.AddNotificationKinds"/>),
/// in registration order. The outbox renders with it and Notifications lists, delivers and rewords by it, without
/// knowing which feature a kind belongs to.
/// </summary>
public sealed class NotificationKindRegistry
{
    private readonly Dictionary<string, NotificationKind> _byName;

    public NotificationKindRegistry(IEnumerable<NotificationKindSet> sets)
    {
        All = sets.SelectMany(s => s.Kinds).ToList();
        _byName = new Dictionary<string, NotificationKind>(StringComparer.Ordinal);
        foreach (var kind in All)
        {
            if (!_byName.TryAdd(kind.Name, kind)) throw new InvalidOperationException($"Notification kind '{kind.Name}' is registered twice.");
        }
    }

    public IReadOnlyList<NotificationKind> All { get; }

    /// <summary>The kinds an organiser may reword for their event.</summary>
    public IEnumerable<NotificationKind> Overridable => All.Where(k => k.EventScoped && k.Overridable);

    public NotificationKind? Find(string name) => _byName.GetValueOrDefault(name);

    public NotificationKind Get(string name) =>
        Find(name) ?? throw new InvalidOperationException($"Unknown notification kind '{name}': register it with services.AddNotificationKinds(...) in its feature's Add...().");

    /// <summary>The kind's label, or its name when no feature registers it (any more).</summary>
    public string Label(string name) => Find(name)?.Label ?? name;
}

/// <summary>One feature's kinds, as registered; the registry gathers every set.</summary>
public sealed record NotificationKindSet(IReadOnlyList<NotificationKind> Kinds);

public static class NotificationKindServiceCollectionExtensions
{
    /// <summary>Registers a feature's notification kinds (their names, default wording and how they travel) with the outbox.</summary>
    public static IServiceCollection AddNotificationKinds(this IServiceCollection services, IReadOnlyList<NotificationKind> kinds)
    {
        services.AddSingleton(new NotificationKindSet(kinds));
        services.TryAddSingleton<NotificationKindRegistry>();
        return services;
    }
}
