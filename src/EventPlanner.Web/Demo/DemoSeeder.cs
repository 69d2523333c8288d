using System.Security.Cryptography;
using EventPlanner.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EventPlanner.Web.Demo;

/// <summary>
/// Fills an empty site with a small FOSS meetup to click through (started with <c>--demo</c>). Each feature
/// contributes an <see cref="IDemoPart"/>; this class only runs them in order and prints the logins.
/// </summary>
public static class DemoSeeder
{
    private const string PasswordKey = "demo_password";

    // Later features append their part after the parts whose data they use.
    private static IReadOnlyList<IDemoPart> Parts() =>
    [
        new DemoAccounts(),
        new DemoEvent(),
        new DemoSubmissionsPart(),
        new DemoReviews(),
        new DemoTicketsPart(),
        new DemoCheckInStaff(),
        new DemoCommunity(), // before the schedule's first release, which then carries the groups' sessions
        new DemoSchedule(),
        new DemoBofs(),
        new DemoLightning(),
        new DemoSocial(),
        new DemoFeedback(), // last week's meetup: ratings and a closed survey
        new DemoMaterials(), // after the meetup exists: its talks' slides, recordings and links
        new DemoWebhooks(),
        new DemoPrivacy(),
    ];

    public static async Task SeedDemoAsync(this WebApplication app)
    {
        var data = await SeedAsync(app.Services);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            var configured = app.Configuration["EventPlanner:PublicUrl"];
            var baseUrl = (string.IsNullOrEmpty(configured) ? addresses?.FirstOrDefault() ?? "http://localhost:5000" : configured).TrimEnd('/');
            PrintLogins(data, baseUrl, Console.Out);
        });
    }

    /// <summary>Runs every part; safe to call again (the second run adds nothing).</summary>
    public static async Task<DemoData> SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var data = new DemoData(await PasswordAsync(scope.ServiceProvider.GetRequiredService<SiteSettingsStore>(), ct));
        foreach (var part in Parts()) await part.SeedAsync(data, scope.ServiceProvider, ct);
        return data;
    }

    // Random per database rather than a well-known default, so a demo left on a public address is not an open door;
    // kept in site settings so every --demo start can print the same table.
    private static async Task<string> PasswordAsync(SiteSettingsStore settings, CancellationToken ct)
    {
        if (await settings.GetAsync(PasswordKey, ct) is { Length: > 0 } stored) return stored;
        var password = "demo-" + RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 12);
        await settings.SetAsync(PasswordKey, password, ct);
        return password;
    }

    public static void PrintLogins(DemoData data, string baseUrl, TextWriter output)
    {
        string[] header = ["Email", "Name", "Role", "Password"];
        var rows = data.Logins.Select(l => new[] { l.Email, l.Name, l.Role, data.Password }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(IEnumerable<string> cells) => "  " + string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();

        output.WriteLine();
        output.WriteLine(data.Added == 0 ? "  Demo data already present; nothing added." : $"  Demo data seeded ({data.Added} rows added).");
        if (data.Event is { } e) output.WriteLine($"  Demo event: {baseUrl}/events/{e.Slug}");
        output.WriteLine();
        output.WriteLine(Line(header));
        output.WriteLine(Line(widths.Select(w => new string('-', w))));
        foreach (var row in rows) output.WriteLine(Line(row));
        output.WriteLine();
    }
}
