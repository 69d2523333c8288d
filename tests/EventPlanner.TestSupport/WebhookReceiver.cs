using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EventPlanner.TestSupport;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, a free port) that takes webhook deliveries and records each request, so
/// tests and the benchmark see exactly what a receiver would: headers, body, how often each delivery id came.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string DeliveryId, string EventType, string Signature, string Body, int AnsweredWith);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private int _requests;

    /// <summary>The status to answer the n-th request (1-based) with; 200 by default.</summary>
    public Func<int, Received, int> Respond { get; set; } = (_, _) => 200;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public string Url(string path = "/hooks") => BaseUrl + path;

    public IReadOnlyList<Received> All => _received.ToArray();

    public IReadOnlyList<Received> Delivered => _received.Where(r => r.AnsweredWith is >= 200 and < 300).ToArray();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var n = Interlocked.Increment(ref receiver._requests);
            var r = new Received(http.Request.Headers["X-EventPlanner-Delivery"].ToString(), http.Request.Headers["X-EventPlanner-Event"].ToString(),
                http.Request.Headers["X-EventPlanner-Signature"].ToString(), body, 0);
            var status = receiver.Respond(n, r);
            receiver._received.Enqueue(r with { AnsweredWith = status });
            return Results.Text(status is >= 200 and < 300 ? "thanks" : "not now", statusCode: status);
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Urls.First().Replace("0.0.0.0", "127.0.0.1");
        return receiver;
    }

    /// <summary>Waits until <paramref name="done"/> holds for what arrived, or fails naming <paramref name="what"/>.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<Received>, bool> done, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!done(All))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out waiting until {what}; received {All.Count}: {string.Join(", ", All.Select(r => $"{r.EventType}→{r.AnsweredWith}"))}.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
