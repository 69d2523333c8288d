using System.Data;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// Schedule's own engine seam: the ids of the sessions in an event's releases are read out of the stored snapshot JSON,
/// which SQLite walks with json_each/json_extract and PostgreSQL with json_array_elements and ->> (the snapshot column
/// is TEXT on both engines, so PostgreSQL casts it to json first). Too specific to Schedule to live in SqlDialect.
/// </summary>
internal static class ReleasedSessionsSql
{
    private static bool OnPostgres(IDbConnection c) => SqlDialect.Of(c) == SqlDialect.Postgres;

    /// <summary>The id of the released session <c>j</c> (as an integer on both engines).</summary>
    public static string Id(IDbConnection c) => OnPostgres(c) ? "CAST(j ->> 'id' AS BIGINT)" : "json_extract(j.value, '$.id')";

    /// <summary>SELECT <paramref name="selectList"/> over every session <c>j</c> of every release of <c>@eventId</c>.</summary>
    public static string Select(IDbConnection c, string selectList) => OnPostgres(c)
        ? $"SELECT {selectList} FROM schedule_releases r, json_array_elements(CAST(r.snapshot AS json) -> 'sessions') j WHERE r.event_id = @eventId"
        : $"SELECT {selectList} FROM schedule_releases r, json_each(r.snapshot, '$.sessions') j WHERE r.event_id = @eventId";
}
