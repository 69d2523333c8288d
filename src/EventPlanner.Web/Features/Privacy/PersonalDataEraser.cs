using System.Data;
using Dapper;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Privacy;

/// <summary>
/// Account deletion's erasure: runs every feature's <see cref="IPersonalDataContributor.EraseAsync"/> inside the
/// deleting transaction (AdminStore.DeleteAccountAsync), after the other removal steps agreed, so the person goes
/// from every table or from none. Registered last, after the features' own removal steps.
/// </summary>
public sealed class PersonalDataEraser(IEnumerable<IPersonalDataContributor> contributors, ExportFiles files) : IAccountRemovalStep
{
    public Task<string?> RefuseAsync(IDbConnection c, IDbTransaction tx, long userId, DateTimeOffset now) => Task.FromResult<string?>(null);

    public async Task<Action?> DetachAsync(IDbConnection c, IDbTransaction tx, long userId, Func<Task<long>> placeholder)
    {
        if (await SubjectAsync(c, tx, userId) is not { } who) return null;
        var exports = (await c.QueryAsync<string>("SELECT file_name FROM privacy_exports WHERE user_id = @userId AND file_name IS NOT NULL",
            new { userId }, tx)).AsList();
        foreach (var contributor in contributors) await contributor.EraseAsync(c, tx, who);
        return exports.Count == 0 ? null : () => { foreach (var f in exports) files.Delete(f); };
    }

    public static async Task<PersonalDataSubject?> SubjectAsync(IDbConnection c, IDbTransaction? tx, long userId)
    {
        var user = await c.QuerySingleOrDefaultAsync<(string Email, string DisplayName)?>(
            "SELECT email, display_name FROM users WHERE id = @userId", new { userId }, tx);
        if (user is not { } u) return null;
        var names = (await c.QueryAsync<string>("SELECT full_name FROM speaker_profiles WHERE user_id = @userId AND full_name <> ''", new { userId }, tx)).AsList();
        return new PersonalDataSubject(userId, u.Email, u.DisplayName, names);
    }
}
