using System.Net;
using System.Net.Sockets;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Webhooks;

/// <summary>
/// The registration-time look at where a name points, so an organiser hears at once that an address is refused. Not
/// the defence: a name can be re-pointed later, so <see cref="WebhookSender"/> checks every address again as it connects.
/// </summary>
public sealed class WebhookTargetCheck(WebhookOptions options)
{
    public async Task<bool> AllowedAsync(Uri url, Validator v, CancellationToken ct)
    {
        if (options.AllowPrivateTargets || url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6) return true;
        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            addresses = await Dns.GetHostAddressesAsync(url.IdnHost, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            // A name that does not resolve yet (DNS set up after the hook) is accepted; each delivery resolves and checks again.
            return true;
        }
        if (addresses.FirstOrDefault(WebhookAddressRules.IsForbidden) is { } bad)
        {
            v.Add("url", $"URL's host {url.Host} resolves to {bad}, a loopback, private or otherwise non-public address; webhooks go to public addresses only.");
            return false;
        }
        return true;
    }
}
