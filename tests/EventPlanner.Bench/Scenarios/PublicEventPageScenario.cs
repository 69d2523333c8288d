using System.Net;
using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;

namespace EventPlanner.Bench.Scenarios;

/// <summary>The page an attendee opens most: anonymous, server-rendered, cacheable by nobody yet.</summary>
public sealed class PublicEventPageScenario : IScenario
{
    /// <summary>
    /// The page measured. The public event page (/events/{slug}) is being built on another branch;
    /// until it lands this measures the public event list at "/". Switch to "/events/{slug}" then.
    /// </summary>
    public const string Route = "/";

    private const string EventPageRoute = "/events/{slug}";

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
        if (Route != EventPageRoute)
        {
            var eventPage = EventPageRoute.Replace("{slug}", data.EventSlug, StringComparison.Ordinal);
            result.Notes.Add(await BenchRun.StatusAsync(server, eventPage, ct) == HttpStatusCode.OK
                ? $"{eventPage} answers now: set PublicEventPageScenario.Route to \"{EventPageRoute}\"."
                : $"measures {Route} (the public event list) until {EventPageRoute} exists.");
        }

        await run.CompareWithStaticFileAsync(result, server, path, ".html", ct);
        BenchRun.RecordServer(result, server);
        return result;
    }
}
