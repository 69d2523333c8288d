using System.Net;
using System.Security.Cryptography;
using System.Text;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Features.Webhooks;

/// <summary>What an endpoint may be, and how a body is signed. Plain code: the address's DNS check is the store's.</summary>
public static class WebhookRules
{
    public const int MaxUrl = 2000;
    public const int MaxDescription = 200;
    public const int MaxEndpointsPerEvent = 20;
    public const string SignatureHeader = "X-EventPlanner-Signature";
    public const string DeliveryHeader = "X-EventPlanner-Delivery";
    public const string EventTypeHeader = "X-EventPlanner-Event";

    /// <summary>The URL, normalised, or null with a message on <c>url</c>. Literal addresses are judged here; names after DNS.</summary>
    public static Uri? Url(string? value, WebhookOptions options, Validator v)
    {
        if (v.Required("url", value, MaxUrl, "URL") is not { } text) return null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            v.Add("url", "URL must be an absolute https:// address, e.g. https://example.org/hooks/eventplanner.");
            return null;
        }
        if (uri.Scheme == "http" && !options.AllowHttp)
        {
            v.Add("url", "URL must use https://; plain http is allowed only when the administrator enables it.");
            return null;
        }
        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            v.Add("url", "URL may not carry a user name, password or #fragment; put a token in the path or query if the receiver needs one.");
            return null;
        }
        if (!options.AllowPrivateTargets && IsForbiddenHost(uri))
        {
            v.Add("url", $"URL points at {uri.Host}, a loopback, private or otherwise non-public address; webhooks go to public addresses only.");
            return null;
        }
        return uri;
    }

    /// <summary>A literal address that is not public, or a name that always means this machine.</summary>
    public static bool IsForbiddenHost(Uri uri)
    {
        var host = uri.IdnHost.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && WebhookAddressRules.IsForbidden(ip);
    }

    /// <summary>Known types, each once, at least one; the stored form (' a b ') lets the outbox match with one substring test.</summary>
    public static string? EventTypes(IReadOnlyList<string?>? values, Validator v)
    {
        var types = v.TextList("eventTypes", values, 100, "event types");
        if (v.Errors.Keys.Any(k => k.StartsWith("eventTypes", StringComparison.OrdinalIgnoreCase))) return null;
        var unknown = types.Where(t => !WebhookEventTypes.IsKnown(t)).ToList();
        if (unknown.Count > 0)
        {
            v.Add("eventTypes", $"Unknown event type(s): {string.Join(", ", unknown)}. Choose from {string.Join(", ", WebhookEventTypes.All.Select(t => t.Name))}.");
            return null;
        }
        if (types.Count == 0) { v.Add("eventTypes", "Choose at least one event type."); return null; }
        return " " + string.Join(" ", WebhookEventTypes.All.Select(t => t.Name).Where(types.Contains)) + " ";
    }

    public static IReadOnlyList<string> SplitTypes(string stored) => stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static string NewSecret() =>
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary><c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>: the timestamp is signed so a captured request cannot be replayed later.</summary>
    public static string Signature(string secret, long unixSeconds, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{unixSeconds}.{body}"));
        return $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>What a receiver does (and the tests): recompute and compare in constant time, and refuse old timestamps.</summary>
    public static bool Verify(string secret, string header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, out var unix) || !parts.TryGetValue("v1", out var given)) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - unix) > tolerance.TotalSeconds) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Signature(secret, unix, body)), Encoding.ASCII.GetBytes($"t={unix},v1={given}"));
    }
}
