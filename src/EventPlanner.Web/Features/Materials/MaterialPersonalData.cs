using System.Data;
using Dapper;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Infrastructure.PersonalDataSql;

namespace EventPlanner.Web.Features.Materials;

/// <summary>
/// The slides and links a person attached, and the digest's record of what they were told. Erasure keeps the
/// materials (they belong to the session, which stays) without naming who added them, and drops the digest record.
/// </summary>
public sealed class MaterialPersonalData : IPersonalDataContributor
{
    public string Section => "materials";

    public async Task<object> ExportAsync(IDbConnection c, PersonalDataSubject who, CancellationToken ct) => new Dictionary<string, object>
    {
        ["added"] = await RowsAsync(c, """
            SELECT e.slug AS event, s.title AS session, m.kind, m.title, m.url, m.download_name, m.created_at
            FROM session_materials m JOIN schedule_sessions s ON s.id = m.session_id JOIN events e ON e.id = m.event_id
            WHERE m.added_by = @UserId ORDER BY m.created_at, m.id
            """, who),
        ["digests_received"] = await RowsAsync(c, """
            SELECT m.title, d.told_at FROM session_material_digests d JOIN session_materials m ON m.id = d.material_id
            WHERE d.user_id = @UserId ORDER BY d.told_at
            """, who),
    };

    public async Task EraseAsync(IDbConnection c, IDbTransaction tx, PersonalDataSubject who)
    {
        await c.ExecuteAsync("UPDATE session_materials SET added_by = NULL WHERE added_by = @UserId", who, tx);
        await c.ExecuteAsync("DELETE FROM session_material_digests WHERE user_id = @UserId", who, tx);
    }
}
