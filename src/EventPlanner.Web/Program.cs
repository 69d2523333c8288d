using EventPlanner.Web;
using EventPlanner.Web.Data;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Bofs;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Feedback;
using EventPlanner.Web.Features.Lightning;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Features.Surveys;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Features.Privacy;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Social;
using EventPlanner.Web.Features.Materials;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Compression;
using EventPlanner.Web.Infrastructure.PageCache;

// ---- Host: the root's appsettings.json, wwwroot/ and db/ wherever we are started from ----
// --demo is a switch, not a configuration key: left in, it would swallow the argument after it (e.g. --urls).
var demo = args.Contains("--demo");
args = args.Where(a => a != "--demo").ToArray();
var root = ContentRoot.Locate();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = root,
    WebRootPath = Path.Combine(root, "wwwroot"),
});

// ---- Data: SQLite file(s) under db/, migrated at start-up ----
builder.Services.AddData(builder.Configuration, builder.Environment);

// ---- Cross-cutting: problem details, security headers, rate limits, markdown ----
builder.Services.AddWebPlatform(builder.Configuration);
builder.Services.AddCompression();
// Public pages rendered once per data version (migration 0015's triggers) and minute, for anonymous readers.
builder.Services.AddPublicPageCache();

// ---- Features ----
builder.Services.AddAccounts(builder.Configuration, builder.Environment);
builder.Services.AddEvents();
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddSubmissions();
builder.Services.AddTickets();
builder.Services.AddReviews();
builder.Services.AddSchedule();
builder.Services.AddCommunity();
builder.Services.AddBofs();
builder.Services.AddLightning();
builder.Services.AddSocial();
builder.Services.AddMaterials();
builder.Services.AddFeedback();
builder.Services.AddSurveys();
builder.Services.AddDashboard();
builder.Services.AddWebhooks(builder.Configuration);
builder.Services.AddPrivacy();

builder.Services.AddRazorPages(o =>
    // The dashboard is where /manage opens; its first address stays for bookmarks and mails that carry it.
    o.Conventions.AddPageRoute("/Events/Manage/Dashboard", "/events/{slug}/dashboard"));
builder.Services.AddOpenApi(ApiSchemaNames.Configure);

var app = builder.Build();

// ---- Start-up: migrate, then the one-time set-up link or the demo ----
await app.Services.MigrateDatabaseAsync();
// The demo seeds a site administrator, so it runs first and no set-up link is printed beside it.
if (demo)
{
    await app.SeedDemoAsync();
}
await app.PrintSetupLinkIfNeededAsync();

// ---- Pipeline ----
app.UseWebPlatform();
app.UseQueryTally();
// Brotli/gzip: dynamic text answers except secret-bearing ones, and wwwroot's text files precompressed once.
app.UseCompression();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseOutputCache();

app.MapRazorPages();
app.MapOpenApi().AllowAnonymous();
app.MapHealth();
app.MapAccountsApi();
app.MapEventsApi();
app.MapSubmissionsApi();
app.MapNotifications();
app.MapTicketsApi();
app.MapReviewsApi();
app.MapScheduleApi();
app.MapCommunityApi();
app.MapBofsApi();
app.MapLightningApi();
app.MapSocialApi();
app.MapMaterialsApi();
app.MapFeedbackApi();
app.MapSurveysApi();
app.MapDashboardApi();
app.MapWebhooks();
app.MapPrivacyApi();

app.Run();

/// <summary>Entry point, public so the test host can start the real app.</summary>
public partial class Program;
