using EventPlanner.Tests.Infrastructure;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EventPlanner.Tests.Api;

/// <summary>
/// Every operation in the app's own OpenAPI document, sent by callers without the right and with bad bodies by one
/// with it, against a public and a hidden seeded event. New operations are swept without touching this file.
/// Fails on any 5xx, any answer slower than 10 s, and any 2xx to a caller who should not get one: anonymous on an
/// operation with a policy, a signed-in stranger or another event's organiser on an operation for this event's
/// organisers/reviewers (or site administrators), any stranger on a hidden event's routes, and a signed-in stranger on
/// someone else's ticket, order or transfer (/api/my/... by id, /api/transfers/{token}).
/// </summary>
[RunsLong(seconds: 25)]
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class OpenApiSweepTests(SweepApp app, ITestOutputHelper output) : IClassFixture<SweepApp>
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(10);

    private sealed record Failure(string Cause, string Request);

    private sealed class Tally
    {
        public int Requests;
        public readonly HashSet<string> Operations = [];
        public readonly List<Failure> Failures = [];
        public readonly Dictionary<string, int> Statuses = [];
    }

    private async Task<IReadOnlyList<SweepOperation>> OperationsAsync()
    {
        using var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        // Cloned: the operations outlive the document.
        var clone = JsonDocument.Parse(doc.RootElement.GetRawText());
        return OpenApiOperations.Read(clone, app.Services.GetRequiredService<EndpointDataSource>());
    }

    private async Task<HttpResponseMessage?> SendAsync(Tally tally, HttpClient client, SweepOperation op, string url, string? body, string who, string variant)
    {
        tally.Requests++;
        tally.Operations.Add(op.Name);
        var mark = app.Errors.Count;
        using var request = new HttpRequestMessage(new HttpMethod(op.Method), url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        else if (op.Method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("", Encoding.UTF8, "application/json");
        var label = $"{op.Method} {url[..Math.Min(url.Length, 140)]} as {who} ({variant})";
        var clock = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            response = await client.SendAsync(request, cts.Token);
            await response.Content.LoadIntoBufferAsync();
        }
        catch (Exception ex) when (ex is TaskCanceledException or OperationCanceledException)
        {
            tally.Failures.Add(new Failure($"no answer within 30 s: {op.Name}", label));
            return null;
        }
        catch (Exception ex)
        {
            // The in-memory server rethrows what escaped the pipeline entirely.
            tally.Failures.Add(new Failure(Cause(ex), label));
            return null;
        }
        if (clock.Elapsed > Slow) tally.Failures.Add(new Failure($"slower than {Slow.TotalSeconds} s ({clock.Elapsed.TotalSeconds:0.0} s): {op.Name}", label));
        var status = (int)response.StatusCode;
        tally.Statuses[$"{status}"] = tally.Statuses.GetValueOrDefault($"{status}") + 1;
        if (status >= 500)
        {
            var errors = app.Errors.Since(mark);
            var cause = errors.Count > 0 ? Cause(errors[^1].Exception) : $"{status} without a logged exception: {op.Name}";
            tally.Failures.Add(new Failure(cause, label));
        }
        return response;
    }

    /// <summary>Exception type and the first frame in our code (or the top frame): one line per cause, however many URLs show it.</summary>
    internal static string Cause(Exception ex)
    {
        while (ex is AggregateException or System.Reflection.TargetInvocationException && ex.InnerException is { } inner) ex = inner;
        var frames = (ex.StackTrace ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("at ")).ToList();
        var ours = frames.FirstOrDefault(f => f.StartsWith("at EventPlanner.")) ?? frames.FirstOrDefault() ?? "(no stack)";
        var at = ours.IndexOf(" in ", StringComparison.Ordinal);
        if (at > 0) ours = ours[..at];
        var paren = ours.IndexOf('(');
        if (paren > 0) ours = ours[..paren];
        return $"{ex.GetType().Name} at {ours[3..]}";
    }

    private void Report(string title, Tally tally, int operations)
    {
        output.WriteLine($"{title}: {operations} operations in the document, {tally.Operations.Count} swept, {tally.Requests} requests; statuses: "
                         + string.Join(", ", tally.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        foreach (var group in tally.Failures.GroupBy(f => f.Cause).OrderByDescending(g => g.Count()))
        {
            output.WriteLine($"  [{group.Count()}] {group.Key}");
            foreach (var f in group.Take(3)) output.WriteLine($"        e.g. {f.Request}");
        }
    }

    private static string Summary(Tally tally) =>
        $"{tally.Failures.Count} failing requests, {tally.Failures.Select(f => f.Cause).Distinct().Count()} causes:\n"
        + string.Join("\n", tally.Failures.GroupBy(f => f.Cause).OrderByDescending(g => g.Count()).Select(g => $"[{g.Count()}] {g.Key}\n      e.g. {g.First().Request}"));

    [Fact]
    public async Task Every_operation_refuses_callers_without_the_right_and_survives_bad_bodies()
    {
        var (pub, hidden, attendee, _) = await app.WorldAsync();
        var operations = await OperationsAsync();
        var tally = new Tally();
        var anonymous = app.CreateClient();

        // Callers without the right, against both events; the other event's organiser is the cross-event caller.
        foreach (var (target, cross) in new[] { (pub, hidden.Organiser), (hidden, pub.Organiser) })
        {
            foreach (var op in operations)
            {
                var url = OpenApiOperations.Url(op, target);
                var body = OpenApiOperations.ExampleBody(op, target)?.ToJsonString();
                foreach (var (who, client) in new[] { ("anonymous", anonymous), ("attendee", attendee), ("another event's organiser", cross) })
                {
                    var response = await SendAsync(tally, client, op, url, body, who, target.IsPublic ? "public event" : "hidden event");
                    if (response is null || !response.IsSuccessStatusCode) continue;
                    var why = who == "anonymous" && op.SignedInOnly ? $"anonymous got {(int)response.StatusCode} on an operation for signed-in users"
                        : who != "anonymous" && op.RoleOnly ? $"{who} got {(int)response.StatusCode} on an operation for {string.Join("/", op.Policies)}"
                        : !target.IsPublic && op.EventScoped ? $"{who} got {(int)response.StatusCode} on a hidden event"
                        : who != "anonymous" && op.OwnerOnly ? $"{who} got {(int)response.StatusCode} on someone else's ticket, order or transfer"
                        : null;
                    if (why is not null) tally.Failures.Add(new Failure($"{why}: {op.Name}", $"{op.Method} {url} as {who}"));
                }
            }
        }

        // Bad bodies, sent by a caller with the right (the event's organiser; the administrator for site settings).
        var (_, _, _, admin) = await app.WorldAsync();
        foreach (var op in BodyOperationsInSafeOrder(operations))
        {
            var client = op.Policies.Contains(EventPlanner.Web.Features.Accounts.Policies.SiteAdmin) ? admin : pub.Organiser;
            var url = OpenApiOperations.Url(op, pub);
            foreach (var (variant, body) in OpenApiOperations.BadBodies(op, OpenApiOperations.ExampleBody(op, pub)))
            {
                await SendAsync(tally, client, op, url, body, "organiser", variant);
            }
        }

        Report("Sweep", tally, operations.Count);
        Assert.True(tally.Failures.Count == 0, Summary(tally));
    }

    [Fact]
    public async Task Every_documented_body_is_understood_by_its_endpoint()
    {
        var (pub, _, _, admin) = await app.WorldAsync();
        var operations = await OperationsAsync();
        var tally = new Tally();
        var others = new List<string>();

        foreach (var op in BodyOperationsInSafeOrder(operations))
        {
            var client = op.Policies.Contains(EventPlanner.Web.Features.Accounts.Policies.SiteAdmin) ? admin : pub.Organiser;
            var url = OpenApiOperations.Url(op, pub);
            var body = OpenApiOperations.ExampleBody(op, pub)!.ToJsonString();
            var response = await SendAsync(tally, client, op, url, body, "organiser", "example from the schema");
            if (response is null || response.IsSuccessStatusCode || (int)response.StatusCode >= 500) continue;
            var text = await response.Content.ReadAsStringAsync();
            var fieldErrors = text.Contains("\"errors\"");
            if ((int)response.StatusCode is 400 or 415 && !fieldErrors)
            {
                tally.Failures.Add(new Failure($"body not understood ({(int)response.StatusCode}): {op.Name}", $"{body[..Math.Min(body.Length, 300)]} -> {text[..Math.Min(text.Length, 300)]}"));
            }
            else
            {
                var what = fieldErrors
                    ? "field errors: " + string.Join("; ", JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Select(e => $"{e.Name}: {e.Value[0]}"))
                    : text;
                others.Add($"{(int)response.StatusCode} {op.Name}: {what[..Math.Min(what.Length, 240)]}");
            }
        }

        Report("Reality", tally, operations.Count);
        output.WriteLine("Understood, and refused on its merits (not a failure):");
        foreach (var o in others) output.WriteLine("  " + o);
        Assert.True(tally.Failures.Count == 0, Summary(tally));
    }

    // Writes that could pull the rug from under the rest (the event's own details) go last.
    private static IEnumerable<SweepOperation> BodyOperationsInSafeOrder(IEnumerable<SweepOperation> operations) =>
        operations.Where(o => o.JsonBody is not null).OrderBy(o => o.Path == "/api/events/{slug}" || o.Path.StartsWith("/api/me") ? 1 : 0);
}
