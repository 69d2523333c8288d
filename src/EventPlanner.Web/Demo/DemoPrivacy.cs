using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Privacy;

namespace EventPlanner.Web.Demo;

/// <summary>
/// Personal data in the demo: this year's event keeps attendee data for 90 days, and last year's edition (FOSS.my
/// 2025, public) is past its 180 days and was anonymised by the real retention job: its dashboard still counts 5
/// tickets and 4 check-ins, held by the "Deleted account" placeholder, and its privacy page says when. Runs once (it
/// stops when last year's event exists).
/// </summary>
public sealed class DemoPrivacy : IDemoPart
{
    public const string PastSlug = "fossmy-2025";
    public const int RetentionDays = 90;

    public async Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct)
    {
        var e = data.RequireEvent();
        var db = services.GetRequiredService<Db>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (await db.WriteAsync((c, tx) => c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM events WHERE slug = @PastSlug)", new { PastSlug }, tx), ct))
            return;
        await services.GetRequiredService<RetentionStore>().SetAsync(e.Id, RetentionDays, ct);
        data.CountAdded();

        // Last year's edition: a year and a day before this year's, long past its 180 days, organisers warned a week ago.
        var lastDay = e.EndsOn.AddYears(-1);
        await db.WriteAsync(async (c, tx) =>
        {
            var pastId = await c.ExecuteScalarAsync<long>("""
                INSERT INTO events (slug, name, description, venue, time_zone, starts_on, ends_on, is_public, created_by, created_at, updated_at)
                VALUES (@PastSlug, 'FOSS.my 2025', 'Last year''s meetup. Its attendee data has been anonymised: only the counts remain.', @Venue,
                        @TimeZone, @startsOn, @endsOn, TRUE, @organiser, @created, @created)
                RETURNING id
                """, new { PastSlug, e.Venue, e.TimeZone, startsOn = lastDay.AddDays(-1).ToString("yyyy-MM-dd"), endsOn = lastDay.ToString("yyyy-MM-dd"),
                    organiser = data.Organisers[0].Id, created = now.AddYears(-1).AddMonths(-3) }, tx);
            foreach (var o in data.Organisers)
                await c.ExecuteAsync("INSERT INTO event_roles (event_id, user_id, role, granted_at) VALUES (@pastId, @Id, 'organiser', @at)",
                    new { pastId, o.Id, at = now.AddYears(-1).AddMonths(-3) }, tx);
            var typeId = await c.ExecuteScalarAsync<long>("""
                INSERT INTO ticket_types (event_id, name, description, quota, taken, currency, created_at) VALUES (@pastId, 'Community', 'Free entry', 150, 5, 'MYR', @at)
                RETURNING id
                """, new { pastId, at = now.AddYears(-1).AddMonths(-2) }, tx);
            var holders = data.Attendees.Concat(data.Speakers).Take(5).ToList();
            for (var i = 0; i < holders.Count; i++)
            {
                var bought = now.AddYears(-1).AddMonths(-1).AddDays(i);
                var orderId = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO ticket_orders (event_id, ticket_type_id, buyer_user_id, quantity, price_cents, currency, approval, payment, status, created_at)
                    VALUES (@pastId, @typeId, @Id, 1, 0, 'MYR', 'none', 'free', 'confirmed', @bought) RETURNING id
                    """, new { pastId, typeId, holders[i].Id, bought }, tx);
                DateTimeOffset? arrived = i < 4 ? new DateTimeOffset(lastDay.AddDays(-1).ToDateTime(new TimeOnly(1, 30 + i * 5)), TimeSpan.Zero) : null;
                var ticketId = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO tickets (event_id, ticket_type_id, order_id, holder_user_id, secret, status, badge_name, tshirt_size, dietary, checked_in_at, created_at, updated_at)
                    VALUES (@pastId, @typeId, @orderId, @Id, @secret, 'valid', @DisplayName, 'M', @dietary, @arrived, @bought, @bought) RETURNING id
                    """, new { pastId, typeId, orderId, holders[i].Id, holders[i].DisplayName, secret = "tk_demo2025_" + Guid.NewGuid().ToString("N"),
                        dietary = i == 1 ? "Vegetarian" : "", arrived, bought }, tx);
                if (arrived is { } at)
                    await c.ExecuteAsync("INSERT INTO ticket_checkins (ticket_id, event_id, checked_in_at) VALUES (@ticketId, @pastId, @at)", new { ticketId, pastId, at }, tx);
            }
            await c.ExecuteAsync("""
                INSERT INTO privacy_retention (event_id, retention_days, warned_at, updated_at) VALUES (@pastId, 180, @warned, @warned)
                """, new { pastId, warned = now.AddDays(-8) }, tx);
            data.CountAdded(3 + holders.Count * 3);
        }, ct);
        // The real job does the anonymising, so the demo shows what it leaves.
        await services.GetRequiredService<RetentionJob>().RunAsync(ct);
    }
}
