using System.Data;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Infrastructure.PersonalDataSql;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>A person's lightning talks; they go with the account by ON DELETE CASCADE (released line-ups are Schedule's to rewrite).</summary>
public sealed class LightningPersonalData : IPersonalDataContributor
{
    public string Section => "lightning_talks";

    public async Task<object> ExportAsync(IDbConnection c, PersonalDataSubject who, CancellationToken ct) => new Dictionary<string, object>
    {
        ["talks"] = await RowsAsync(c, """
            SELECT e.slug AS event, t.title, t.description, t.slides_url, t.status, t.outcome, t.first_timer, t.created_at
            FROM lightning_talks t JOIN events e ON e.id = t.event_id WHERE t.user_id = @UserId ORDER BY t.id
            """, who),
    };

    public Task EraseAsync(IDbConnection c, IDbTransaction tx, PersonalDataSubject who) => Task.CompletedTask;
}
