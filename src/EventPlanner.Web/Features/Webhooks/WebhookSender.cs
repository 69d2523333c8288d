using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EventPlanner.Web.Features.Webhooks;

/// <summary>One POST of a signed body. What came back (status, latency, the start of the answer) is the attempt's log line.</summary>
public sealed record WebhookResult(bool Delivered, int? Status, int DurationMs, string? Error, string? ResponseExcerpt);

/// <summary>
/// The one HTTP client for webhooks: no redirects (a 3xx is a failure, never followed to where it points), short
/// timeouts, no cookies or proxy, and a connect step that resolves the name itself and refuses every non-public
/// address (<see cref="WebhookAddressRules"/>) at the moment of connecting, so DNS re-pointed after registration
/// cannot reach the server's own network.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const int MaxExcerpt = 500;
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly bool _allowHttp;

    public WebhookSender(WebhookOptions options, TimeProvider clock)
    {
        _clock = clock;
        _allowHttp = options.AllowHttp;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = options.ConnectTimeout,
            // Re-resolve (and so re-check) names now and then even on a busy pooled connection.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = Math.Max(2, options.Parallelism),
            ConnectCallback = (context, ct) => ConnectAsync(context, options.AllowPrivateTargets, ct),
        };
        _http = new HttpClient(handler) { Timeout = options.Timeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("EventPlanner-Webhooks/1");
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = allowPrivate ? addresses : addresses.Where(a => !WebhookAddressRules.IsForbidden(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookTargetRefusedException(addresses.Length == 0
                ? $"{host} has no address."
                : $"{host} resolves to {addresses[0]}, a loopback, private or otherwise non-public address; refused.");
        }
        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception e) when (e is SocketException)
            {
                socket.Dispose();
                last = e;
            }
        }
        throw last!;
    }

    public async Task<WebhookResult> SendAsync(WebhookDeliveryRow d, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        int Ms() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        // Checked again at sending: an endpoint registered while plain http was allowed gets nothing once it is not.
        if (!_allowHttp && !(Uri.TryCreate(d.Url, UriKind.Absolute, out var target) && target.Scheme == Uri.UriSchemeHttps))
        {
            return new WebhookResult(false, null, 0, "Plain http is not allowed: webhooks go to https:// addresses only; refused.", null);
        }
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, d.Url)
            {
                Content = new StringContent(d.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(WebhookRules.DeliveryHeader, d.DeliveryId);
            request.Headers.Add(WebhookRules.EventTypeHeader, d.EventType);
            request.Headers.Add(WebhookRules.SignatureHeader, WebhookRules.Signature(d.Secret, _clock.GetUtcNow().ToUnixTimeSeconds(), d.Payload));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var excerpt = await ExcerptAsync(response, ct);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? new WebhookResult(true, status, Ms(), null, excerpt)
                : new WebhookResult(false, status, Ms(), status is >= 300 and < 400 ? $"HTTP {status}: redirects are not followed." : $"HTTP {status}", excerpt);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var inner = e is HttpRequestException { InnerException: WebhookTargetRefusedException r } ? r : e;
            var message = inner is TaskCanceledException ? "Timed out." : $"{inner.GetType().Name}: {inner.Message}";
            return new WebhookResult(false, null, Ms(), message[..Math.Min(message.Length, 1000)], null);
        }
    }

    // The first bytes only: a receiver may answer with anything, of any size.
    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxExcerpt * 4];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
        if (read == 0) return null;
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return text.Length > MaxExcerpt ? text[..MaxExcerpt] : text;
    }

    public void Dispose() => _http.Dispose();
}

public sealed class WebhookTargetRefusedException(string message) : Exception(message);
