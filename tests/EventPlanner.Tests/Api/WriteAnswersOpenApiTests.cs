using System.Text.Json;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Api;

/// <summary>
/// Endpoints that answer a write through <c>WriteResults.ToHttp</c> describe every answer in the OpenAPI document: the
/// done answers and 400/404 from their <c>Results&lt;…&gt;</c> union, the 409 they declare (problem details have no status of their own).
/// </summary>
[Trait("Engine", "Both")]
public sealed class WriteAnswersOpenApiTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Theory]
    [InlineData("/api/events/{slug}/lightning/{sessionId}/talks", "post", "201 202 400 404 409")]
    [InlineData("/api/events/{slug}/lightning/{sessionId}/talks/mine", "delete", "204 400 404 409")]
    [InlineData("/api/events/{slug}/lightning/{sessionId}/talks/mine/confirm", "post", "200 400 404 409")]
    [InlineData("/api/events/{slug}/lightning/{sessionId}/lock", "post", "200 400 404 409")]
    [InlineData("/api/events/{slug}/lightning/{sessionId}/run-sheet/start", "post", "200 400 404 409")]
    [InlineData("/api/events/{slug}/lightning/{sessionId}", "get", "200 404")]
    [InlineData("/api/events/{slug}/registrations", "post", "201 202 400 404 409")]
    [InlineData("/api/events/{slug}/sessions/{sessionId}/materials/upload", "post", "201 400 404 413")]
    public async Task A_converted_endpoint_lists_each_answer_it_gives(string path, string method, string statuses)
    {
        using var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        Assert.True(doc.RootElement.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is not in the document");
        Assert.True(item.TryGetProperty(method, out var op), $"{method} {path} is not in the document");
        var documented = op.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
        foreach (var status in statuses.Split(' ')) Assert.True(documented.Contains(status), $"{method} {path} does not document {status} (it lists {string.Join(", ", documented.Order())})");
    }
}
