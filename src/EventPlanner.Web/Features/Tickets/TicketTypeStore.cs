using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>Ticket types of an event, with their quotas.</summary>
public sealed class TicketTypeStore(Db db, TimeProvider clock, TicketSettings settings, TicketNotices notices, Outbox outbox)
{
    public async Task<IReadOnlyList<TicketTypeRow>> ListAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<TicketTypeRow>($"SELECT {TicketSql.TypeColumns} WHERE tt.event_id = @eventId ORDER BY tt.sort_order, tt.name",
            new { eventId })).AsList();
    }

    public async Task<TicketTypeRow?> FindAsync(long eventId, long typeId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<TicketTypeRow>($"SELECT {TicketSql.TypeColumns} WHERE tt.event_id = @eventId AND tt.id = @typeId",
            new { eventId, typeId });
    }

    public async Task<TicketTypeRow?> CreateAsync(long eventId, TicketTypeValues values, Validator v, CancellationToken ct = default)
    {
        try
        {
            return await db.WriteAsync(async (c, tx) =>
            {
                var id = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO ticket_types (event_id, name, description, price_cents, currency, quota, sale_starts_at, sale_ends_at,
                        per_order_limit, requires_approval, transferability, transfer_deadline_days, cancel_deadline_days, is_speaker_type, sort_order, created_at)
                    VALUES (@eventId, @Name, @Description, @PriceCents, @Currency, @Quota, @SaleStartsAt, @SaleEndsAt,
                        @PerOrderLimit, @RequiresApproval, @Transferability, @TransferDeadlineDays, @CancelDeadlineDays, @IsSpeakerType, @SortOrder, @now)
                    RETURNING id
                    """, Params(eventId, values, clock.GetUtcNow()), tx);
                return await c.QuerySingleAsync<TicketTypeRow>($"SELECT {TicketSql.TypeColumns} WHERE tt.id = @id", new { id }, tx);
            }, ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            Unique(values, v);
            return null;
        }
    }

    /// <summary>Updates a type; the quota cannot go below the places already taken, and a rise is offered to the waiting list first.</summary>
    public async Task<TicketTypeRow?> UpdateAsync(long eventId, long typeId, TicketTypeValues values, Validator v, CancellationToken ct = default)
    {
        TicketTypeRow? row;
        try
        {
            row = await outbox.WriteLockedWithNoticesAsync(eventId, async (c, tx, batch) =>
            {
                // the quota check below reads what registrations move
                var taken = await c.ExecuteScalarAsync<int?>("SELECT taken FROM ticket_types WHERE id = @typeId AND event_id = @eventId", new { typeId, eventId }, tx);
                if (taken is null) return null;
                if (values.Quota < taken)
                {
                    v.Add("quota", $"{taken} places are already taken or offered; the quota cannot go below that.");
                    return null;
                }
                var p = Params(eventId, values, clock.GetUtcNow());
                p.Add("typeId", typeId);
                await c.ExecuteAsync("""
                    UPDATE ticket_types SET name = @Name, description = @Description, price_cents = @PriceCents, currency = @Currency, quota = @Quota,
                        sale_starts_at = @SaleStartsAt, sale_ends_at = @SaleEndsAt, per_order_limit = @PerOrderLimit, requires_approval = @RequiresApproval,
                        transferability = @Transferability, transfer_deadline_days = @TransferDeadlineDays, cancel_deadline_days = @CancelDeadlineDays,
                        is_speaker_type = @IsSpeakerType, sort_order = @SortOrder
                    WHERE id = @typeId
                    """, p, tx);
                await TicketSql.OfferFreePlacesAsync(c, tx, typeId, clock.GetUtcNow(), settings, notices, batch);
                return await c.QuerySingleAsync<TicketTypeRow>($"SELECT {TicketSql.TypeColumns} WHERE tt.id = @typeId", new { typeId }, tx);
            }, ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            Unique(values, v);
            return null;
        }
        return row;
    }

    private static DynamicParameters Params(long eventId, TicketTypeValues values, DateTimeOffset now)
    {
        var p = new DynamicParameters(values);
        p.Add("eventId", eventId);
        p.Add("now", now);
        return p;
    }

    private static void Unique(TicketTypeValues values, Validator v)
    {
        if (values.IsSpeakerType) v.Add("isSpeakerType", "This event already has a speaker ticket type (or a type with that name).");
        else v.Add("name", $"There is already a ticket type called '{values.Name}'.");
    }
}
