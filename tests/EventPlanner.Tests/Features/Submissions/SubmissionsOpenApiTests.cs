using System.Text.Json;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Submissions;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SubmissionsOpenApiTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Every_call_for_papers_operation_is_in_the_openapi_document_with_a_summary()
    {
        using var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        var ours = paths.EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/events/{slug}/proposals") || p.Name.StartsWith("/api/events/{slug}/cfp")
                        || p.Name.StartsWith("/api/me/speaker-profile") || p.Name.StartsWith("/api/co-speaker-invitations"))
            .SelectMany(p => p.Value.EnumerateObject().Select(op => (Path: p.Name, Method: op.Name, Op: op.Value)))
            .ToList();

        foreach (var expected in new[]
        {
            ("/api/events/{slug}/proposals", "post"), ("/api/events/{slug}/proposals", "get"), ("/api/events/{slug}/proposals/mine", "get"),
            ("/api/events/{slug}/proposals/{id}", "put"), ("/api/events/{slug}/proposals/{id}/submit", "post"),
            ("/api/events/{slug}/proposals/{id}/withdraw", "post"), ("/api/events/{slug}/proposals/{id}/co-speakers", "post"),
            ("/api/events/{slug}/proposals/{id}/copy", "post"), ("/api/events/{slug}/proposals/{id}/history", "get"),
            ("/api/events/{slug}/proposals/export.csv", "get"), ("/api/events/{slug}/cfp", "put"), ("/api/events/{slug}/cfp/session-types", "post"),
            ("/api/events/{slug}/cfp/questions", "post"), ("/api/events/{slug}/cfp/access-codes", "post"), ("/api/co-speaker-invitations/accept", "post"),
        })
        {
            Assert.Contains(ours, o => o.Path == expected.Item1 && o.Method == expected.Item2);
        }
        var silent = ours.Where(o => !o.Op.TryGetProperty("summary", out var s) || string.IsNullOrWhiteSpace(s.GetString())).Select(o => $"{o.Method} {o.Path}").ToList();
        Assert.True(silent.Count == 0, "Operations without a summary: " + string.Join(", ", silent));
    }
}
