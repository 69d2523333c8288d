using System.Security.Cryptography;
using System.Text;
using Dapper;
using EventPlanner.Web.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EventPlanner.Web.Features.Accounts;

/// <summary>
/// The one-time link that creates the first site administrator. A new token is made at each start
/// while no administrator exists (only its hash is stored), so there is no default password anywhere.
/// </summary>
public sealed class SetupLink(Db db, SiteSettingsStore settings, UserQueries users)
{
    private const string Key = "setup_token_hash";

    /// <summary>The token printed at this start, or null when an administrator exists.</summary>
    public string? CurrentToken { get; private set; }

    public async Task<string?> IssueIfNeededAsync()
    {
        if (await users.AnyAdminAsync())
        {
            await settings.DeleteAsync(Key);
            CurrentToken = null;
            return null;
        }
        CurrentToken = ApiTokenStore.Base64Url(RandomNumberGenerator.GetBytes(24));
        await settings.SetAsync(Key, Hash(CurrentToken));
        return CurrentToken;
    }

    public async Task<bool> IsValidAsync(string? token)
    {
        if (string.IsNullOrEmpty(token)) return false;
        var stored = await settings.GetAsync(Key);
        return stored is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(Hash(token)));
    }

    /// <summary>Uses the token up; only one caller can win, however many race.</summary>
    public Task<bool> ConsumeAsync(string token) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync(
            "DELETE FROM site_settings WHERE key = @Key AND value = @hash",
            new { Key, hash = Hash(token) }, tx) == 1);

    public Task RestoreAsync(string token) => settings.SetAsync(Key, Hash(token));

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

public static class SetupLinkStartup
{
    public static async Task PrintSetupLinkIfNeededAsync(this WebApplication app)
    {
        var token = await app.Services.GetRequiredService<SetupLink>().IssueIfNeededAsync();
        if (token is null) return;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            var configured = app.Configuration["EventPlanner:PublicUrl"];
            var baseUrl = (string.IsNullOrEmpty(configured) ? addresses?.FirstOrDefault() ?? "http://localhost:5000" : configured).TrimEnd('/');
            Console.WriteLine();
            Console.WriteLine("  No site administrator yet. Open this one-time link to create one:");
            Console.WriteLine($"  {baseUrl}/setup?token={token}");
            Console.WriteLine();
        });
    }
}
