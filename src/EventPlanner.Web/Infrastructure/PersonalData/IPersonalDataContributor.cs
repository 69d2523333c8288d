using System.Data;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// What one feature holds about a person, for the data export and for account erasure (Features/Privacy runs them).
/// Each feature that keeps personal data puts one in its own folder and registers it in its <c>Add&lt;Feature&gt;()</c>
/// with <c>services.AddPersonalData&lt;T&gt;()</c>: it lives here, below every feature, so that each feature erases
/// only its own tables (one writer per table) and Privacy names no feature. A feature added later only adds its
/// contributor; the schema-wide scan test (PersonalDataErasureTests) fails when a table keeps someone's address or
/// name after deletion and no contributor erases it.
/// </summary>
public interface IPersonalDataContributor
{
    /// <summary>The key of this feature's part of the export file ("tickets", "proposals"…).</summary>
    string Section { get; }

    /// <summary>Everything this feature holds about the person, as plain JSON-ready values.</summary>
    Task<object> ExportAsync(IDbConnection c, PersonalDataSubject who, CancellationToken ct);

    /// <summary>
    /// Erases or anonymises the person in this feature's tables, inside the account deletion's one transaction and
    /// before the users row goes (so cascades still find the rows). Rows that must outlive the person for others
    /// (counts, a schedule) stay, without the person's name and address.
    /// </summary>
    Task EraseAsync(IDbConnection c, IDbTransaction tx, PersonalDataSubject who);
}

/// <summary>The person being exported or erased: the account, its address and the names it has gone by.</summary>
public sealed record PersonalDataSubject(long UserId, string Email, string DisplayName, IReadOnlyList<string> OtherNames)
{
    /// <summary>The address as the normalized_email columns hold it (ASP.NET Identity's upper-casing).</summary>
    public string NormalizedEmail => Email.ToUpperInvariant();

    /// <summary>Every name the person is known by here (display name, speaker profile name), longest first.</summary>
    public IReadOnlyList<string> Names => [.. new[] { DisplayName }.Concat(OtherNames).Where(n => n.Trim().Length >= 2)
        .Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(n => n.Length)];
}

/// <summary>
/// What one feature keeps about an event's attendees that the event's retention period limits (Features/Privacy's
/// daily job runs them when it expires): the feature anonymises its rows in place, so the counts organisers see
/// (tickets per type, check-ins) stay the same, or keeps a tally before it deletes them.
/// </summary>
public interface IEventRetentionContributor
{
    /// <summary>What this feature anonymises, for the privacy page ("tickets and check-ins").</summary>
    string Covers { get; }

    /// <summary>Anonymises the event's attendee data, in the retention job's transaction; returns the rows changed.</summary>
    Task<int> AnonymiseEventAsync(IDbConnection c, IDbTransaction tx, long eventId, Func<Task<long>> placeholder);
}

public static class PersonalDataServiceCollectionExtensions
{
    public static IServiceCollection AddPersonalData<T>(this IServiceCollection services) where T : class, IPersonalDataContributor =>
        services.AddSingleton<IPersonalDataContributor, T>();

    public static IServiceCollection AddEventRetention<T>(this IServiceCollection services) where T : class, IEventRetentionContributor =>
        services.AddSingleton<IEventRetentionContributor, T>();
}
