using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Submissions;

[Trait("Engine", "Both")] // on PostgreSQL the writers queue in memory per event (Db.WriteLockedAsync, WriteGates), not on pooled connections
public sealed class ClosingRushTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private const int Speakers = 200;

    [Fact]
    public async Task Two_hundred_speakers_submitting_at_once_in_the_last_minute_all_land_with_a_receipt_each()
    {
        var e = await CfpKit.CreateAsync(app, "rush", closesIn: TimeSpan.FromMinutes(10));
        var clients = new List<HttpClient>();
        for (var i = 0; i < Speakers; i++) clients.Add((await CfpKit.FastSpeakerAsync(app, $"rush{i}@example.org")).Client);
        app.Clock.SetUtcNow(e.ClosesAt.AddSeconds(-50));

        var responses = await Task.WhenAll(clients.Select((client, i) =>
            client.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: $"Last-minute talk {i}", submit: true))));

        var failures = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.True(failures.Count == 0,
            $"{failures.Count} submissions failed: " + string.Join("; ", await Task.WhenAll(failures.Take(3).Select(r => r.Content.ReadAsStringAsync()))));
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        var stored = await c.QueryAsync<string>("""
            SELECT p.title FROM proposals p JOIN events e ON e.id = p.event_id WHERE e.slug = 'rush' AND p.state = 'submitted'
            """);
        Assert.Equal(Enumerable.Range(0, Speakers).Select(i => $"Last-minute talk {i}").Order(), stored.Order());
        Assert.Equal(Speakers, await c.ExecuteScalarAsync<int>("""
            SELECT COUNT(*) FROM proposal_versions v JOIN proposals p ON p.id = v.proposal_id JOIN events e ON e.id = p.event_id WHERE e.slug = 'rush'
            """));
        static bool Receipt(OutgoingMail m) => m.Subject.StartsWith("Proposal received: Last-minute talk ");
        await app.Mail.WaitUntilAsync(() => app.Mail.Sent.Count(Receipt) >= Speakers, $"{Speakers} receipts", TimeSpan.FromSeconds(60));
        var receipts = app.Mail.Sent.Where(Receipt).ToList();
        Assert.Equal(Speakers, receipts.Count);
        Assert.Equal(Speakers, receipts.Select(m => m.ToAddress).Distinct().Count());
    }
}
