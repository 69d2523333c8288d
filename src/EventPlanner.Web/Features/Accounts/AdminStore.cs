using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Accounts;

public enum AdminGrant { Granted, AlreadyAdmin, NotConfirmed, NoSuchUser }

/// <summary>Who the site administrators are, and the one rule about them: the last one cannot leave.</summary>
public sealed class AdminStore(Db db, TimeProvider clock, IEnumerable<IAccountRemovalStep> removalSteps)
{
    public async Task<IReadOnlyList<UserSummary>> ListAdminsAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<UserSummary>(
            "SELECT id, email, display_name FROM users WHERE is_admin = TRUE ORDER BY display_name, email");
        return rows.AsList();
    }

    public Task<AdminGrant> MakeAdminAsync(string email, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var user = await c.QuerySingleOrDefaultAsync<Candidate>(
                "SELECT id, is_admin, email_confirmed FROM users WHERE normalized_email = @n",
                new { n = email.Trim().ToUpperInvariant() }, tx);
            if (user is null) return AdminGrant.NoSuchUser;
            if (user.IsAdmin) return AdminGrant.AlreadyAdmin;
            if (!user.EmailConfirmed) return AdminGrant.NotConfirmed;
            // A new concurrency stamp makes any Identity update still holding the old row (which would
            // write is_admin back to 0) fail instead of silently undoing this grant.
            await c.ExecuteAsync("UPDATE users SET is_admin = TRUE, concurrency_stamp = @stamp WHERE id = @Id",
                new { user.Id, stamp = Guid.NewGuid().ToString("N") }, tx);
            return AdminGrant.Granted;
        }, ct);

    /// <summary>
    /// Deletes an account with everything that cascades from it (API tokens, event roles, stars…), after every
    /// <see cref="IAccountRemovalStep"/> agreed and detached what must outlive it. Not the last administrator. One
    /// BEGIN IMMEDIATE transaction, so two administrators leaving at once cannot both succeed.
    /// </summary>
    public async Task<AccountDeletion> DeleteAccountAsync(long userId, CancellationToken ct = default)
    {
        var after = new List<Action>();
        var result = await db.WriteAsync<AccountDeletion>(async (c, tx) =>
        {
            var user = await c.QuerySingleOrDefaultAsync<Candidate>("SELECT id, is_admin, email_confirmed FROM users WHERE id = @userId", new { userId }, tx);
            if (user is null) return new AccountDeletion.NotFound();
            if (user.IsAdmin && !await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM users WHERE is_admin = TRUE AND id <> @userId)", new { userId }, tx))
                return new AccountDeletion.LastAdministrator();
            var now = clock.GetUtcNow();
            foreach (var step in removalSteps)
                if (await step.RefuseAsync(c, tx, userId, now) is { } reason) return new AccountDeletion.Refused(reason);
            long? placeholder = null;
            foreach (var step in removalSteps)
                if (await step.DetachAsync(c, tx, userId, async () => placeholder ??= await DeletedAccount.IdAsync(c, tx, now)) is { } work) after.Add(work);
            await c.ExecuteAsync("DELETE FROM users WHERE id = @userId", new { userId }, tx);
            return new AccountDeletion.Deleted();
        }, ct);
        if (result is AccountDeletion.Deleted) foreach (var work in after) work();
        return result;
    }

    private sealed record Candidate
    {
        public long Id { get; init; }
        public bool IsAdmin { get; init; }
        public bool EmailConfirmed { get; init; }
    }
}
