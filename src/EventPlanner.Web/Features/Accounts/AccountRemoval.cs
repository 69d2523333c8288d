using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Accounts;

/// <summary>
/// What another feature must say or do when an account is deleted, inside the deleting transaction. Most
/// data goes with the account by ON DELETE CASCADE; a step exists where that is not enough: a rule that refuses
/// (the only organiser of an event), records kept for others (ticket history) or files on disk.
/// </summary>
public interface IAccountRemovalStep
{
    /// <summary>Why the account cannot be deleted now (what the person must do first), or null.</summary>
    Task<string?> RefuseAsync(IDbConnection c, IDbTransaction tx, long userId, DateTimeOffset now);

    /// <summary>Detaches what must outlive the account; may return work for after the commit (deleting files).</summary>
    Task<Action?> DetachAsync(IDbConnection c, IDbTransaction tx, long userId, Func<Task<long>> placeholder);
}

public abstract record AccountDeletion
{
    public sealed record Deleted : AccountDeletion;
    public sealed record LastAdministrator : AccountDeletion;
    public sealed record Refused(string Reason) : AccountDeletion;
    public sealed record NotFound : AccountDeletion;
}

/// <summary>
/// The one account that records outliving a deleted account point to (a past event's ticket and its transfer
/// history, say), so nothing there names the person. It has no password and an address that cannot receive
/// mail, so nobody can sign in as it or reset it; it is made the first time it is needed.
/// </summary>
public static class DeletedAccount
{
    public const string Email = "deleted-account@eventplanner.invalid";
    public const string DisplayName = "Deleted account";

    public static async Task<long> IdAsync(IDbConnection c, IDbTransaction tx, DateTimeOffset now) =>
        await c.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE normalized_email = @n", new { n = Email.ToUpperInvariant() }, tx)
        ?? await c.ExecuteScalarAsync<long>("""
            INSERT INTO users (email, normalized_email, display_name, password_hash, security_stamp, concurrency_stamp, email_confirmed,
                               lockout_enabled, lockout_end, is_admin, created_at)
            VALUES (@email, @n, @name, NULL, @stamp, @stamp, FALSE, TRUE, '9999-12-31T00:00:00.0000000+00:00', FALSE, @now)
            RETURNING id
            """, new { email = Email, n = Email.ToUpperInvariant(), name = DisplayName, stamp = Guid.NewGuid().ToString("N"), now }, tx);
}
