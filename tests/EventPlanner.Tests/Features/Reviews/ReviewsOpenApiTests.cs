using System.Text.Json;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Reviews;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ReviewsOpenApiTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Every_review_and_decision_operation_is_in_the_openapi_document_with_a_summary()
    {
        using var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        var ours = doc.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/events/{slug}/review") || p.Name.StartsWith("/api/events/{slug}/ranking")
                        || p.Name.StartsWith("/api/events/{slug}/decisions") || p.Name.EndsWith("/confirmation"))
            .SelectMany(p => p.Value.EnumerateObject().Select(op => (Path: p.Name, Method: op.Name, Op: op.Value)))
            .ToList();

        // The reviewers' API, the organisers' set-up, assignment, ranking and decisions, and the speakers' answer:
        // what the pages do, scripts can do.
        foreach (var expected in new[]
        {
            ("/api/events/{slug}/review/queue", "get"), ("/api/events/{slug}/review/next", "get"), ("/api/events/{slug}/review/proposals/{id}", "get"),
            ("/api/events/{slug}/review/proposals/{id}/review", "put"), ("/api/events/{slug}/review/proposals/{id}/conflict", "post"),
            ("/api/events/{slug}/review/conflicts", "post"), ("/api/events/{slug}/review/conflicts", "get"), ("/api/events/{slug}/review/conflicts/suggestions", "get"),
            ("/api/events/{slug}/review/mine.csv", "get"), ("/api/events/{slug}/review/setup", "get"), ("/api/events/{slug}/review/settings", "put"),
            ("/api/events/{slug}/review/criteria", "post"), ("/api/events/{slug}/review/criteria/{id}", "put"), ("/api/events/{slug}/review/criteria/{id}", "delete"),
            ("/api/events/{slug}/review/phases", "post"), ("/api/events/{slug}/review/phases/{id}", "put"), ("/api/events/{slug}/review/teams", "post"),
            ("/api/events/{slug}/review/teams/{id}", "put"), ("/api/events/{slug}/review/conflicts/all", "get"), ("/api/events/{slug}/review/conflicts/record", "post"),
            ("/api/events/{slug}/review/proposals/{id}/redaction", "put"), ("/api/events/{slug}/review/assignments", "get"),
            ("/api/events/{slug}/review/assignments", "post"), ("/api/events/{slug}/review/assignments/auto", "post"),
            ("/api/events/{slug}/review/assignments/{proposalId}/{reviewerId}", "delete"), ("/api/events/{slug}/ranking", "get"),
            ("/api/events/{slug}/ranking.csv", "get"), ("/api/events/{slug}/decisions", "get"), ("/api/events/{slug}/decisions", "post"),
            ("/api/events/{slug}/decisions/release", "post"), ("/api/events/{slug}/decisions/offers/{id}/confirm", "post"),
            ("/api/events/{slug}/proposals/{id}/confirmation", "post"), ("/api/events/{slug}/proposals/{id}/confirmation", "get"),
        })
        {
            Assert.Contains(ours, o => o.Path == expected.Item1 && o.Method == expected.Item2);
        }
        var silent = ours.Where(o => !o.Op.TryGetProperty("summary", out var s) || string.IsNullOrWhiteSpace(s.GetString())).Select(o => $"{o.Method} {o.Path}").ToList();
        Assert.True(silent.Count == 0, "Operations without a summary: " + string.Join(", ", silent));
    }
}
