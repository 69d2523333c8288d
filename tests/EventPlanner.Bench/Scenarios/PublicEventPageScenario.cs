using System.Net;
using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;

namespace EventPlanner.Bench.Scenarios;

/// <summary>The page an attendee opens most: anonymous, server-rendered, cacheable by nobody yet.</summary>
public sealed class PublicEventPageScenario : IScenario
{
    /// <summary>The page measured: the public event page.</summary>
    public const string Route = "/events/{slug}";

    public string Name => "public-event-page";
    public string Description => $"an anonymous GET of the public event page ({Route}) against the same bytes as a static file";
    public IReadOnlyList<Scale> DefaultScales { get; } = [Scales.Small, Scales.Fosdem];

    public static string PathFor(string slug) => Route.Replace("{slug}", slug, StringComparison.Ordinal);

    public async Task<ScenarioResult> RunAsync(BenchRun run, Scale scale, CancellationToken ct)
    {
        var result = new ScenarioResult { Scenario = Name, Scale = scale.Name };
        var data = await run.DatasetAsync(scale, ct);
        await using var server = await run.StartServerAsync(scale, ct);

        var path = PathFor(data.EventSlug);
        var page = System.Text.Encoding.UTF8.GetString(await BenchRun.FetchAsync(server, path, ct));
        if (!page.Contains(WebUtility.HtmlEncode(scale.EventName), StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"GET {path} does not show the generated event '{scale.EventName}'.");
        }
        await run.CompareWithStaticFileAsync(result, server, path, ".html", ct);
        BenchRun.RecordServer(result, server);
        return result;
    }
}
