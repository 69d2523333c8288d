using System.Data;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Infrastructure.PersonalDataSql;

namespace EventPlanner.Web.Features.Accounts;

/// <summary>The account itself in the data export. Erasure needs nothing here: the users row goes last, and its tokens and roles with it.</summary>
public sealed class AccountPersonalData : IPersonalDataContributor
{
    public string Section => "account";

    public async Task<object> ExportAsync(IDbConnection c, PersonalDataSubject who, CancellationToken ct) => new Dictionary<string, object>
    {
        // Never the password hash or the security stamps: they are secrets of the sign-in, not facts about the person.
        ["profile"] = await RowsAsync(c, "SELECT id, email, display_name, email_confirmed, is_admin, created_at FROM users WHERE id = @UserId", who),
        ["api_tokens"] = await RowsAsync(c, "SELECT name, prefix, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = @UserId ORDER BY id", who),
        ["event_roles"] = await RowsAsync(c, """
            SELECT e.slug AS event, e.name AS event_name, r.role, r.granted_at FROM event_roles r JOIN events e ON e.id = r.event_id
            WHERE r.user_id = @UserId ORDER BY e.starts_on, r.role
            """, who),
    };

    public Task EraseAsync(IDbConnection c, IDbTransaction tx, PersonalDataSubject who) => Task.CompletedTask;
}
