using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Features.Accounts;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Schedule;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Privacy;

[Trait("Engine", "Both")]
public sealed class PersonalDataErasureTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    /// <summary>
    /// Records that must keep the person's address or name after deletion, with the reason. None today: tickets,
    /// orders and transfers are the event's records and stay, but point at the "Deleted account" placeholder; there
    /// is no invoicing whose legal copy would have to keep a name. A new entry here needs a reason a reviewer accepts.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> LegalRecords = new Dictionary<string, string>();

    [Fact]
    public async Task After_deletion_no_table_or_column_holds_the_address_or_a_name()
    {
        var p = await PrivacyKit.EverythingAsync(app, "erasure");
        var db = app.Services.GetRequiredService<Db>();
        Assert.NotEmpty(await SchemaScan.FindAsync(db, p.Email, p.Name, p.FullName)); // the scan sees them while they are there
        (await p.Api.PostAsync($"/api/my/tickets/{p.KeptTicketId}/cancel", null)).EnsureSuccessStatusCode();
        await app.Mail.WaitForAsync(p.Email, "accepted your ticket"); // let the delivery of earlier mail settle, so nothing is half-sent

        var browser = await app.SignInAsync(p.Email);
        var deleted = await browser.PostProfileAsync("Delete", new() { ["DeleteForm.Password"] = EventPlannerApp.Password });

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var hits = await SchemaScan.FindAsync(db, p.Email, p.Name, p.FullName);
        var unexplained = hits.Where(h => !LegalRecords.Keys.Any(k => h.StartsWith(k + " ", StringComparison.Ordinal))).ToList();
        Assert.True(unexplained.Count == 0, $"Still holding the deleted person: {string.Join("; ", unexplained)}");
    }

    [Fact]
    public async Task A_deleted_speakers_accepted_talk_stays_as_a_former_speakers_and_the_rest_of_their_proposals_go()
    {
        var p = await PrivacyKit.EverythingAsync(app, "speaker");
        (await p.Api.PostAsync($"/api/my/tickets/{p.KeptTicketId}/cancel", null)).EnsureSuccessStatusCode();
        var browser = await app.SignInAsync(p.Email);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostProfileAsync("Delete", new() { ["DeleteForm.Password"] = EventPlannerApp.Password })).StatusCode);

        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        var proposals = (await c.QueryAsync<long>($"SELECT id FROM proposals WHERE {SqlDialect.Of(c).InList("id", "@ids")}", new { ids = new[] { p.AcceptedId, p.SpamId } })).AsList();
        Assert.Equal([p.AcceptedId], proposals);
        var snapshot = await c.ExecuteScalarAsync<string>("SELECT r.snapshot FROM schedule_releases r JOIN events e ON e.id = r.event_id WHERE e.slug = @ScheduleSlug", p);
        Assert.True(snapshot!.Contains(SchedulePersonalData.FormerSpeaker), snapshot);
        var schedule = await app.CreateClient().GetStringAsync($"/events/{p.ScheduleSlug}/schedule.json");
        Assert.Contains("Mapping rivers with OpenStreetMap", schedule);
        Assert.Contains(SchedulePersonalData.FormerSpeaker, schedule);
        Assert.DoesNotContain("Quillon", schedule);
        var friendTickets = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tickets t JOIN users u ON u.id = t.holder_user_id WHERE u.email = @e AND t.status = 'valid'",
            new { e = p.OtherEmail });
        Assert.Equal(1, friendTickets);
        var cancelled = await c.QuerySingleAsync<(string Holder, string Badge)>("""
            SELECT u.display_name AS holder, t.badge_name AS badge FROM tickets t JOIN users u ON u.id = t.holder_user_id WHERE t.id = @KeptTicketId
            """, p);
        Assert.Equal(("Deleted account", "Deleted account"), cancelled);
    }

    [Fact]
    public async Task Deleting_needs_the_password_and_a_wrong_one_deletes_nothing()
    {
        await app.CreateUserAsync("keep.me@example.org", "Keep Me");
        var browser = await app.SignInAsync("keep.me@example.org");

        var missing = await browser.PostProfileAsync("Delete", new() { ["DeleteForm.Password"] = "" });
        var wrong = await browser.PostProfileAsync("Delete", new() { ["DeleteForm.Password"] = "guess" });

        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Password is required", await missing.Content.ReadAsStringAsync());
        Assert.Contains("not your current password", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/profile")).StatusCode);
    }
}
