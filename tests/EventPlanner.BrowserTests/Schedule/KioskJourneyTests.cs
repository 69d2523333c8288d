using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Schedule;

public sealed class KioskJourneyTests
{
    private const string Slug = "kiosk-today";

    [BrowserFact]
    public async Task The_venue_kiosk_shows_the_session_running_now_and_the_next_one_by_the_real_clock_in_the_events_zone_and_reloads_itself()
    {
        await using var app = await AppProcess.StartAsync();
        await using var browser = await BrowserSession.StartAsync();

        // The app runs on the real clock, so the event is today, in a zone where 'now' is well inside the day
        // (a session that started ten minutes ago and one after it both fit before midnight).
        var zone = new[] { "Europe/Brussels", "Asia/Kuala_Lumpur", "America/New_York" }
            .Select(TimeZoneInfo.FindSystemTimeZoneById)
            .First(z => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, z).Hour is >= 2 and <= 20);
        var localNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime;
        var today = localNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var nowStarts = localNow.AddMinutes(-(localNow.Minute % 5) - 10);
        var nextStarts = nowStarts.AddMinutes(60);

        // A site administrator (from the set-up link) makes an API token and builds the event through the API.
        var admin = await browser.NewPersonAsync(app.BaseUrl);
        await admin.GotoCheckedAsync(app.SetupLink());
        await admin.GetByLabel("Email").FillAsync("root@example.org");
        await admin.GetByLabel("Display name").FillAsync("Site Admin");
        await admin.GetByLabel("Password", new() { Exact = true }).FillAsync(Journeys.Password);
        await admin.GetByLabel("Password again").FillAsync(Journeys.Password);
        await admin.ClickAndCheckAsync(admin.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }));
        await admin.GotoCheckedAsync("/account/profile");
        await admin.GetByLabel("Name of the new token").FillAsync("kiosk test");
        await admin.ClickAndCheckAsync(admin.GetByRole(AriaRole.Button, new() { Name = "Create token" }));
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await admin.Locator("#new-token").InnerTextAsync());

        await Ok(api.PostAsJsonAsync("/api/events", new
        {
            slug = Slug, name = "Kiosk Meetup", timeZone = zone.Id, startsOn = today, endsOn = today, venue = "Community hall", isPublic = true,
        }));
        var main = await IdOf(api.PostAsJsonAsync($"/api/events/{Slug}/rooms", new { name = "Main Hall", capacity = 200, sortOrder = 0 }));
        var side = await IdOf(api.PostAsJsonAsync($"/api/events/{Slug}/rooms", new { name = "Side Room", capacity = 30, sortOrder = 1 }));
        await PlaceAsync(api, "Running right now", 60, main, today, nowStarts);
        await PlaceAsync(api, "Coming up next", 30, main, today, nextStarts);
        // Released with override: whatever the day's opening hours, 'now' may fall outside them.
        await Ok(api.PostAsJsonAsync($"/api/events/{Slug}/schedule/releases", new { notify = "none", @override = true, reason = "Kiosk test at any hour" }));

        // The screen at the venue: no sign-in, a clock in the event's zone, now and next per room.
        var screen = await browser.NewPersonAsync(app.BaseUrl);
        await screen.Clock.InstallAsync(); // the page's timers (its self-reload) run when the test says
        var before = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime;
        await screen.GotoCheckedAsync($"/events/{Slug}/kiosk");
        var after = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime;

        var clock = await screen.Locator(".kiosk-clock time").InnerTextAsync();
        Assert.Contains(clock, new[] { Hm(before), Hm(after) });
        await Assertions.Expect(screen.Locator("h1")).ToHaveTextAsync("Kiosk Meetup");
        await Assertions.Expect(screen.Locator("main")).ToContainTextAsync($"times in {zone.Id}");
        var mainRow = screen.Locator($"tr[data-room-id='{main}']");
        await Assertions.Expect(mainRow.Locator(".kiosk-now")).ToContainTextAsync($"Running right now{Hm(nowStarts)}–{Hm(nowStarts.AddMinutes(60))}");
        await Assertions.Expect(mainRow.Locator(".kiosk-next")).ToContainTextAsync($"Coming up next{Hm(nextStarts)}–{Hm(nextStarts.AddMinutes(30))}");
        var sideRow = screen.Locator($"tr[data-room-id='{side}']");
        await Assertions.Expect(sideRow.Locator(".kiosk-now")).ToHaveTextAsync("Nothing right now");
        await Assertions.Expect(sideRow.Locator(".kiosk-next")).ToHaveTextAsync("No more sessions");
        await Assertions.Expect(screen.Locator("a, form, input, button")).ToHaveCountAsync(0); // nothing to click away to

        // It reloads itself (by script, every 30 seconds) to follow the day.
        // Wait for the new document's load event: the old page's load state is already reached, and axe run on it
        // would be cut off when the reload replaces it.
        var reload = screen.WaitForRequestAsync(r => r.Url.EndsWith($"/events/{Slug}/kiosk") && r.IsNavigationRequest);
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage page) => reloaded.TrySetResult();
        screen.Load += OnLoad;
        await screen.Clock.RunForAsync(31_000);
        await reload;
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(20));
        screen.Load -= OnLoad;
        await screen.AssertAccessibleAsync();
        await Assertions.Expect(screen.Locator($"tr[data-room-id='{main}'] .kiosk-now")).ToContainTextAsync("Running right now");

        // One room's screen shows that room only.
        await screen.GotoCheckedAsync($"/events/{Slug}/kiosk/{main}");
        await Assertions.Expect(screen.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(screen.Locator("h1")).ToHaveTextAsync("Kiosk Meetup · Main Hall");
    }

    private static string Hm(DateTime t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static async Task PlaceAsync(HttpClient api, string title, int minutes, long roomId, string date, DateTime start)
    {
        var session = await (await Ok(api.PostAsJsonAsync($"/api/events/{Slug}/schedule/sessions",
            new { kind = "talk", title, @abstract = $"About {title}.", language = "en", durationMinutes = minutes }))).Content.ReadFromJsonAsync<Versioned>();
        await Ok(api.PutAsJsonAsync($"/api/events/{Slug}/schedule/sessions/{session!.Id}/placement",
            new { roomId, date, start = Hm(start), version = session.Version }));
    }

    private static async Task<long> IdOf(Task<HttpResponseMessage> request) =>
        (await (await Ok(request)).Content.ReadFromJsonAsync<Versioned>())!.Id;

    private static async Task<HttpResponseMessage> Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        if (!response.IsSuccessStatusCode)
            throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private sealed record Versioned(long Id, int Version);
}
