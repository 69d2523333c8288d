using System.Net;
using System.Net.Sockets;

namespace EventPlanner.Web.Features.Webhooks;

/// <summary>
/// Which IP addresses a webhook may never reach unless private targets are allowed: anything that is not a public
/// unicast address, so an organiser cannot make the server call itself, its network or a cloud metadata service.
/// IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by that address; Teredo and the deprecated
/// IPv4-compatible form are refused outright. Plain code, checked at registration and again at connect time.
/// </summary>
public static class WebhookAddressRules
{
    public static bool IsForbidden(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork) return IsForbiddenV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return true;
        var b = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6) return IsForbiddenV4(b[12..]);
        // ::/96 (unspecified, loopback, deprecated IPv4-compatible).
        if (b[..12].All(x => x == 0)) return true;
        // 64:ff9b::/96 well-known NAT64 reaches the embedded IPv4 address.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].All(x => x == 0)) return IsForbiddenV4(b[12..]);
        // 64:ff9b:1::/48 local-use NAT64: translation to whatever the local network chooses.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0x00 && b[5] == 0x01) return true;
        // 2002::/16 6to4 carries the IPv4 address in bytes 2-5.
        if (b[0] == 0x20 && b[1] == 0x02) return IsForbiddenV4(b[2..6]);
        // 2001::/32 Teredo (the client address is obfuscated) and 2001:db8::/32 documentation.
        if (b[0] == 0x20 && b[1] == 0x01 && ((b[2] == 0x00 && b[3] == 0x00) || (b[2] == 0x0d && b[3] == 0xb8))) return true;
        // 100::/64 discard.
        if (b[0] == 0x01 && b[1] == 0x00 && b[2..8].All(x => x == 0)) return true;
        return (b[0] & 0xfe) == 0xfc          // fc00::/7 unique local
            || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) // fe80::/10 link-local
            || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) // fec0::/10 site-local (deprecated)
            || b[0] == 0xff;                    // ff00::/8 multicast
    }

    private static bool IsForbiddenV4(byte[] a) => a[0] switch
    {
        0 or 10 or 127 => true,                                 // this network, private, loopback
        100 => (a[1] & 0xc0) == 64,                              // 100.64.0.0/10 carrier-grade NAT
        169 => a[1] == 254,                                      // link-local (cloud metadata lives here)
        172 => (a[1] & 0xf0) == 16,                              // 172.16.0.0/12
        192 => (a[1] == 168) || (a[1] == 0 && (a[2] == 0 || a[2] == 2)), // private, IETF protocol assignments, TEST-NET-1
        198 => (a[1] & 0xfe) == 18 || (a[1] == 51 && a[2] == 100), // benchmarking, TEST-NET-2
        203 => a[1] == 0 && a[2] == 113,                         // TEST-NET-3
        >= 224 => true,                                          // multicast, reserved, broadcast
        _ => false,
    };
}
