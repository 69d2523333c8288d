using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Privacy;

/// <summary>With the inline limit at 0, every export is "large": built by the job, its link mailed.</summary>
public sealed class LargeExportApp : EventPlannerAppWithJobs
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["EventPlanner:Privacy:InlineExportLimit"] = "-1" };
}

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed partial class LargeExportTests(LargeExportApp app) : IClassFixture<LargeExportApp>
{
    [Fact]
    public async Task A_large_export_is_built_in_the_background_and_its_mailed_link_works_for_its_owner_only()
    {
        var ana = await app.CreateApiClientAsync("ana.large@example.org");
        var bo = await app.CreateApiClientAsync("bo.large@example.org");

        var queued = await ana.PostAsync("/api/me/personal-data", null);
        var mail = await app.Mail.WaitForAsync("ana.large@example.org", "Your data export is ready");
        var link = LinkIn().Match(mail.TextBody);

        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.True(link.Success, mail.TextBody);
        var path = link.Groups[1].Value;
        var mine = await ana.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        using (var json = JsonDocument.Parse(await mine.Content.ReadAsStringAsync()))
            Assert.Equal("ana.large@example.org", json.RootElement.GetProperty("account").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await bo.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ana.GetAsync(path[..^2] + "xx")).StatusCode);

        app.Clock.Advance(DataExports.LinkLifetime + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NotFound, (await ana.GetAsync(path)).StatusCode);
        var swept = await app.Services.GetRequiredService<DataExportJob>().SweepAsync(CancellationToken.None);
        Assert.Equal(1, swept);
        Assert.Empty(Directory.Exists(Path.Combine(app.DataDirectory, "exports")) ? Directory.GetFiles(Path.Combine(app.DataDirectory, "exports")) : []);
    }

    [GeneratedRegex(@"https?://[^/\s]+(/api/me/personal-data/[A-Za-z0-9_\-]+)")]
    private static partial Regex LinkIn();
}
