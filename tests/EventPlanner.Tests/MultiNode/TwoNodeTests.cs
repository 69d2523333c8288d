using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EventPlanner.Tests.Features.Notifications;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventPlanner.Tests.MultiNode;

/// <summary>
/// Two app hosts on one PostgreSQL database (issue 19): what one node issues, the other accepts; what is queued on
/// either is delivered once; what both register at start-up exists once. PostgreSQL only: SQLite is one node.
/// </summary>
[RunsLong(seconds: 12)]
[Trait("Engine", "Postgres")]
public sealed class TwoNodeTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private static HttpClient Browser(Node node, CookieContainer cookies) =>
        node.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

    [Fact]
    public async Task A_sign_in_cookie_issued_by_node_A_is_accepted_by_node_B_and_not_by_a_node_with_its_own_key_ring()
    {
        await nodes.A.CreateUserAsync("ada@example.org");
        var cookies = new CookieContainer();
        var onA = Browser(nodes.A, cookies);
        var login = await onA.PostFormAsync("/account/login", new() { ["Input.Email"] = "ada@example.org", ["Input.Password"] = EventPlannerApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var onB = await Browser(nodes.B, cookies).GetAsync("/account/profile");
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Contains("ada@example.org", await onB.Content.ReadAsStringAsync());

        // The control: a node on the same database but with a key ring of its own cannot read the cookie.
        await using var stranger = new Node(nodes.Database, keyRing: "ephemeral", runsJobs: false);
        var onStranger = await Browser(stranger, cookies).GetAsync("/account/profile");
        Assert.Equal(HttpStatusCode.Redirect, onStranger.StatusCode);
        Assert.Contains("/account/login", onStranger.Headers.Location!.ToString());
    }

    [Fact]
    public async Task An_antiforgery_form_fetched_from_node_A_posts_to_node_B()
    {
        await nodes.A.CreateUserAsync("grace@example.org");
        var cookies = new CookieContainer();
        var form = await Browser(nodes.A, cookies).GetStringAsync("/account/login");
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = "grace@example.org",
            ["Input.Password"] = EventPlannerApp.Password,
            ["__RequestVerificationToken"] = FormPosting.AntiforgeryFrom(form),
        };

        var onB = await Browser(nodes.B, cookies).PostAsync("/account/login", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, onB.StatusCode);

        await using var stranger = new Node(nodes.Database, keyRing: "ephemeral", runsJobs: false);
        var refused = await Browser(stranger, cookies).PostAsync("/account/login", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Fifty_notifications_queued_across_both_nodes_are_each_delivered_exactly_once()
    {
        var user = await nodes.A.CreateUserAsync("linus@example.org");
        var ids = new List<long>();
        for (var i = 0; i < 50; i++) ids.Add(await (i % 2 == 0 ? nodes.A : nodes.B).QueueAsync(user.Id, $"multi-node:{i}"));
        // Both nodes' drains start at once and compete for the same rows, with both Hangfire servers running.
        var outboxes = new[] { nodes.A, nodes.B }.Select(n => n.Services.GetRequiredService<Outbox>()).ToList();
        Parallel.ForEach(outboxes, o => o.Kick());

        int Delivered() => nodes.A.Mail.CountTo("linus@example.org") + nodes.B.Mail.CountTo("linus@example.org");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Delivered() < 50 && DateTime.UtcNow < deadline) await Task.Delay(100);
        // Kick again and give a late double a chance to show itself.
        Parallel.ForEach(outboxes, o => o.Kick());
        await Task.Delay(TimeSpan.FromSeconds(3));

        var sent = nodes.A.Mail.Sent.Concat(nodes.B.Mail.Sent).Where(m => m.ToAddress == "linus@example.org").ToList();
        Assert.Equal(50, sent.Count);
        Assert.Equal(50, sent.Select(m => m.MessageId).Distinct().Count());
        await using var c = new NpgsqlConnection(TestPostgres.ConnectionStringFor(nodes.Database));
        var rows = (await c.QueryAsync<(string State, long Attempts)>(
            "SELECT state, attempts::bigint FROM notifications WHERE id = ANY(@ids)", new { ids = ids.ToArray() })).ToList();
        Assert.Equal(50, rows.Count);
        Assert.All(rows, r => Assert.Equal(("sent", 1L), r));
    }

    [Fact]
    public async Task Recurring_jobs_registered_by_both_nodes_at_start_exist_once_each_in_the_shared_job_store()
    {
        var registered = nodes.A.Services.GetServices<RecurringJobRegistration>().Select(r => r.Id).Order().ToList();
        await using var c = new NpgsqlConnection(TestPostgres.ConnectionStringFor(nodes.Database));
        var stored = (await c.QueryAsync<string>($"SELECT value FROM {JobStores.PostgresSchema}.set WHERE key = 'recurring-jobs'")).Order().ToList();
        Assert.Equal(registered, stored);
        var hashes = await c.ExecuteScalarAsync<long>(
            $"SELECT count(DISTINCT key) FROM {JobStores.PostgresSchema}.hash WHERE key LIKE 'recurring-job:%'");
        Assert.Equal(registered.Count, hashes);
    }

    [Fact]
    public async Task Healthz_on_both_nodes_reports_the_database_and_both_job_servers()
    {
        foreach (var node in new[] { nodes.A, nodes.B })
        {
            var response = await node.CreateClient().GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var report = await response.Content.ReadFromJsonAsync<HealthEndpoints.HealthReport>(new JsonSerializerOptions(JsonSerializerDefaults.Web));
            Assert.Equal("ok", report!.Database);
            Assert.Equal("ok", report.Jobs.Storage);
            Assert.Equal(2, report.Jobs.Servers);
        }
    }
}
