using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Tests.PageCache;

/// <summary>
/// Public pages served from stored bytes (home, event, call for papers, session, speaker, kiosk): each is first shown
/// to be cached (same ETag, 304), then an organiser's change must be on the very next request, and a hidden event's
/// pages must never come out of the cache for a stranger.
/// </summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class PublicPageCacheTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, EntityTagHeaderValue? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(ifNoneMatch);
        return await client.SendAsync(request);
    }

    /// <summary>Asks twice and revalidates: proof the page is served from the cache, and the ETag it is served under.</summary>
    private static async Task<EntityTagHeaderValue> CachedAsync(HttpClient client, string path)
    {
        var first = await GetAsync(client, path);
        Assert.True(first.StatusCode == HttpStatusCode.OK, $"{path}: {(int)first.StatusCode}");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        var second = await GetAsync(client, path);
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        var revalidated = await GetAsync(client, path, etag);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        return etag;
    }

    private static async Task<string> FreshAsync(HttpClient client, string path, EntityTagHeaderValue stale)
    {
        var response = await GetAsync(client, path, stale);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} after the change: {(int)response.StatusCode}");
        Assert.NotEqual(stale, response.Headers.ETag);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<(ScheduleEvent Event, SessionResponse Talk, long SpeakerId)> ReleasedAsync(string slug)
    {
        var e = await ScheduleKit.CreateAsync(app, slug);
        var email = $"ada-{slug}@example.org";
        var speakerId = await ScheduleKit.SpeakerAsync(app, email, "Ada Lovelace");
        var talk = await e.PlaceAsync(await e.SessionAsync("Analytical engines", speakers: [email]), e.Small, "10:00");
        await ReleaseAsync(e);
        return (e, talk, speakerId);
    }

    private static async Task ReleaseAsync(ScheduleEvent e) =>
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();

    private static async Task HideAsync(ScheduleEvent e)
    {
        var ev = await e.Organiser.GetFromJsonAsync<JsonElement>($"/api/events/{e.Slug}");
        (await e.Organiser.PutAsJsonAsync($"/api/events/{e.Slug}", new
        {
            slug = e.Slug, name = ev.GetProperty("name").GetString(), timeZone = ScheduleKit.Zone, startsOn = ScheduleKit.Day1, endsOn = ScheduleKit.Day2,
            venue = "ULB Solbosch", isPublic = false,
        })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task The_event_page_shows_a_renamed_room_on_the_next_request()
    {
        var e = await ScheduleKit.CreateAsync(app, "pc-event");
        var client = app.CreateClient();
        var path = $"/events/{e.Slug}";
        var etag = await CachedAsync(client, path);

        (await e.Organiser.PutAsJsonAsync($"/api/events/{e.Slug}/rooms/{e.Medium}", new { name = "Chavanne", capacity = 120, sortOrder = 2 })).EnsureSuccessStatusCode();

        var page = await FreshAsync(client, path, etag);
        Assert.Contains("Chavanne", page);
        Assert.DoesNotContain("H.2215", page);
    }

    [Fact]
    public async Task The_home_page_lists_a_new_public_event_on_the_next_request()
    {
        var client = app.CreateClient();
        var etag = await CachedAsync(client, "/");

        var e = await ScheduleKit.CreateAsync(app, "pc-home");

        Assert.Contains($"/events/{e.Slug}", await FreshAsync(client, "/", etag));
    }

    [Fact]
    public async Task The_cfp_page_shows_a_new_intro_on_the_next_request()
    {
        var cfp = await CfpKit.CreateAsync(app, "pc-cfp");
        var client = app.CreateClient();
        var path = $"/events/{cfp.Slug}/cfp";
        var etag = await CachedAsync(client, path);

        (await cfp.Organiser.PutAsJsonAsync($"{cfp.Api}/cfp", new
        {
            opensAt = CfpKit.Local(app.Clock.GetUtcNow().AddDays(-1)), closesAt = CfpKit.Local(cfp.ClosesAt), intro = "Now also **lightning talks**.",
        })).EnsureSuccessStatusCode();

        Assert.Contains("lightning talks", await FreshAsync(client, path, etag));
    }

    [Fact]
    public async Task The_cfp_page_shows_the_call_closed_once_the_deadline_passes()
    {
        var cfp = await CfpKit.CreateAsync(app, "pc-cfp-close", closesIn: TimeSpan.FromMinutes(3));
        var client = app.CreateClient();
        var path = $"/events/{cfp.Slug}/cfp";
        var etag = await CachedAsync(client, path);
        Assert.Contains("Open now", await (await GetAsync(client, path)).Content.ReadAsStringAsync());

        app.Clock.Advance(TimeSpan.FromMinutes(4));

        var page = await FreshAsync(client, path, etag);
        Assert.Contains("Closed on", page);
    }

    [Fact]
    public async Task Session_speaker_kiosk_and_day_pages_show_a_new_release_on_the_next_request()
    {
        var (e, talk, speakerId) = await ReleasedAsync("pc-release");
        var client = app.CreateClient();
        var session = $"/events/{e.Slug}/sessions/{talk.Id}";
        var speaker = $"/events/{e.Slug}/speakers/{speakerId}";
        var kiosk = $"/events/{e.Slug}/kiosk";
        var day = $"/events/{e.Slug}/schedule/{ScheduleKit.Day1}";
        var tags = new Dictionary<string, EntityTagHeaderValue>();
        foreach (var path in new[] { session, speaker, kiosk, day }) tags[path] = await CachedAsync(client, path);
        Assert.Contains("K.1.105", await (await GetAsync(client, session)).Content.ReadAsStringAsync());

        await e.PlaceAsync(await e.GetAsync(talk.Id), e.Janson, "10:00");
        await e.PlaceAsync(await e.SessionAsync("Notes on the engine", speakers: [$"ada-{e.Slug}@example.org"]), e.Medium, "11:00");
        await ReleaseAsync(e);

        var sessionPage = await FreshAsync(client, session, tags[session]);
        Assert.Contains("Janson", sessionPage);
        Assert.DoesNotContain("K.1.105", sessionPage);
        Assert.Contains("Notes on the engine", await FreshAsync(client, speaker, tags[speaker]));
        Assert.Contains("Notes on the engine", await FreshAsync(client, kiosk, tags[kiosk]));
        Assert.Contains("Notes on the engine", await FreshAsync(client, day, tags[day]));
    }

    [Fact]
    public async Task An_unreleased_change_does_not_reach_the_cached_session_page()
    {
        var (e, talk, _) = await ReleasedAsync("pc-unreleased");
        var client = app.CreateClient();
        var path = $"/events/{e.Slug}/sessions/{talk.Id}";
        var etag = await CachedAsync(client, path);

        await e.PlaceAsync(await e.GetAsync(talk.Id), e.Janson, "10:00"); // the working grid, not released

        var response = await GetAsync(client, path);
        Assert.DoesNotContain("Janson", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_hidden_events_pages_are_never_served_from_the_cache_to_a_stranger()
    {
        var (e, talk, speakerId) = await ReleasedAsync("pc-hidden");
        var client = app.CreateClient();
        var paths = new[]
        {
            $"/events/{e.Slug}", $"/events/{e.Slug}/cfp", $"/events/{e.Slug}/sessions/{talk.Id}", $"/events/{e.Slug}/speakers/{speakerId}",
            $"/events/{e.Slug}/kiosk", $"/events/{e.Slug}/kiosk/{e.Small}", $"/events/{e.Slug}/schedule/{ScheduleKit.Day1}",
        };
        await e.Organiser.PutAsJsonAsync($"/api/events/{e.Slug}/cfp", new
        {
            opensAt = "2026-11-01T09:00", closesAt = "2026-12-31T18:00", intro = "Send us talks.",
        });
        var tags = new Dictionary<string, EntityTagHeaderValue>();
        foreach (var path in paths) tags[path] = await CachedAsync(client, path);
        var home = await CachedAsync(client, "/");

        await HideAsync(e);

        foreach (var path in paths)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(client, path)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(client, path, tags[path])).StatusCode);
        }
        Assert.DoesNotContain($"/events/{e.Slug}\"", await FreshAsync(client, "/", home));
        // Its organisers still see it, fresh.
        var organiser = await app.SignInAsync($"org-{e.Slug}@example.org");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(organiser, $"/events/{e.Slug}/sessions/{talk.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_reader_never_gets_the_anonymous_copy()
    {
        var (e, talk, _) = await ReleasedAsync("pc-signed-in");
        var path = $"/events/{e.Slug}/sessions/{talk.Id}";
        var etag = await CachedAsync(app.CreateClient(), path);
        await app.CreateUserAsync("reader-pc@example.org", "Grace Hopper");
        var reader = await app.SignInAsync("reader-pc@example.org");

        var response = await GetAsync(reader, path, etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Grace Hopper", page);
        Assert.NotEqual(etag, response.Headers.ETag);
    }
}
