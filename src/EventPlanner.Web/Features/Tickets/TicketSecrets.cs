using System.Security.Cryptography;
using System.Text;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>Secrets and tokens: 256 random bits, URL-safe. Retired secrets are kept only as SHA-256 hashes.</summary>
public static class TicketSecrets
{
    public static string NewSecret() => "tk_" + Base64Url(RandomNumberGenerator.GetBytes(32));
    public static string NewTransferToken() => "tr_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Only well-formed values reach the database; anything else is simply unknown.</summary>
    public static bool LooksLikeSecret(string? value) => value is { Length: >= 20 and <= 100 } && value.StartsWith("tk_", StringComparison.Ordinal);
    public static bool LooksLikeTransferToken(string? value) => value is { Length: >= 20 and <= 100 } && value.StartsWith("tr_", StringComparison.Ordinal);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
