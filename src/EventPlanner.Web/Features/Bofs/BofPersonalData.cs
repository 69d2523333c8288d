using System.Data;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Infrastructure.PersonalDataSql;

namespace EventPlanner.Web.Features.Bofs;

/// <summary>The BoFs a person proposed and those they marked interest in; both go with the account by ON DELETE CASCADE.</summary>
public sealed class BofPersonalData : IPersonalDataContributor
{
    public string Section => "bofs";

    public async Task<object> ExportAsync(IDbConnection c, PersonalDataSubject who, CancellationToken ct) => new Dictionary<string, object>
    {
        ["proposed"] = await RowsAsync(c, """
            SELECT e.slug AS event, b.title, b.description, b.is_cancelled, b.created_at FROM bofs b JOIN events e ON e.id = b.event_id
            WHERE b.proposer_user_id = @UserId ORDER BY b.id
            """, who),
        ["interested_in"] = await RowsAsync(c, """
            SELECT e.slug AS event, b.title, i.created_at FROM bof_interest i JOIN bofs b ON b.id = i.bof_id JOIN events e ON e.id = b.event_id
            WHERE i.user_id = @UserId
            """, who),
    };

    public Task EraseAsync(IDbConnection c, IDbTransaction tx, PersonalDataSubject who) => Task.CompletedTask;
}
