using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>Access codes: late submission, or a hidden session type for invited speakers.</summary>
public sealed class AccessCodeStore(Db db, TimeProvider clock)
{
    private const string Columns = "id, event_id, code, description, session_type_id, expires_at, max_uses, uses, created_at";

    public async Task<IReadOnlyList<AccessCodeRow>> ListAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<AccessCodeRow>($"SELECT {Columns} FROM access_codes WHERE event_id = @eventId ORDER BY created_at DESC, id DESC",
            new { eventId })).AsList();
    }

    public async Task<AccessCodeRow?> AddAsync(CfpContext ctx, AccessCodeValues values, Validator v, CancellationToken ct = default)
    {
        if (values.SessionTypeId is { } t && ctx.Type(t) is null) v.Add("sessionTypeId", "That session type does not exist in this event.");
        if (v.HasErrors) return null;
        try
        {
            return await db.WriteAsync((c, tx) => c.QuerySingleAsync<AccessCodeRow>($"""
                INSERT INTO access_codes (event_id, code, normalized_code, description, session_type_id, expires_at, max_uses, created_at)
                VALUES (@eventId, @Code, @normalized, @Description, @SessionTypeId, @ExpiresAt, @MaxUses, @now)
                RETURNING {Columns}
                """, new
            {
                eventId = ctx.Event.Id, values.Code, normalized = CfpRules.NormalizeCode(values.Code), values.Description,
                values.SessionTypeId, values.ExpiresAt, values.MaxUses, now = clock.GetUtcNow(),
            }, tx), ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            v.Add("code", "This event already has that code (codes are compared without regard to case).");
            return null;
        }
    }

    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run first inside the transaction; false leaves the code.</summary>
    public Task<bool> DeleteAsync(long eventId, long id, CancellationToken ct = default, Func<System.Data.IDbConnection, System.Data.IDbTransaction, Task<bool>>? stillAsShown = null) =>
        db.WriteAsync(async (c, tx) => (stillAsShown is null || await stillAsShown(c, tx)) && await c.ExecuteAsync("DELETE FROM access_codes WHERE id = @id AND event_id = @eventId", new { id, eventId }, tx) == 1, ct);

    internal static Task<AccessCodeRow?> FindAsync(System.Data.IDbConnection c, System.Data.IDbTransaction tx, long eventId, string? code, long? id) =>
        code is not null
            ? c.QuerySingleOrDefaultAsync<AccessCodeRow?>($"SELECT {Columns} FROM access_codes WHERE event_id = @eventId AND normalized_code = @n",
                new { eventId, n = CfpRules.NormalizeCode(code) }, tx)
            : id is not null
                ? c.QuerySingleOrDefaultAsync<AccessCodeRow?>($"SELECT {Columns} FROM access_codes WHERE id = @id AND event_id = @eventId", new { id, eventId }, tx)
                : Task.FromResult<AccessCodeRow?>(null);
}
