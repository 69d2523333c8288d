using System.Net;
using Xunit.Abstractions;

namespace EventPlanner.Tests.HardStops;

/// <summary>
/// kill -9 while an organiser's schedule release is being made, at several delays, each followed by a restart:
/// the release is either there in full (its row, every stored export, and served as the public schedule) or not
/// there at all, and the next release works.
/// </summary>
[Trait("Engine", "Both")] // the app process on the run's engine: a SQLite data folder, or a PostgreSQL database (HardStopSite)
[Collection(HardStopCollection.Name)]
public sealed class ScheduleReleaseHardStopTests(HardStopData data, ITestOutputHelper output) : IAsyncLifetime
{
    // Fractions of how long the first release after a start takes (measured first), so the kills spread over it.
    private static readonly double[] KillAt = [0.3, 0.6, 0.8, 0.9, 1.0, 1.1];
    private AppProcess? _app;

    [Fact]
    public async Task Killed_mid_release_the_release_is_whole_or_absent_and_the_next_release_works()
    {
        var (site, generated) = await data.SiteAsync("release");
        var slug = generated.EventSlug;
        var token = generated.ApiToken(generated.OrganiserEmail);
        var eventId = site.Scalar<long>("SELECT id FROM events WHERE slug = @slug", new { slug });
        // The generated schedule is released once already: its exports are the set every release must have.
        var formats = site.Query<string>("""
            SELECT f.format FROM schedule_release_files f JOIN schedule_releases r ON r.id = f.release_id
            WHERE r.event_id = @eventId AND r.number = 1 ORDER BY f.format
            """, new { eventId });
        Assert.NotEmpty(formats);
        var release = new { notify = "immediate", @override = true, reason = "Hard-stop test" };

        _app = await site.StartAsync();
        var timing = System.Diagnostics.Stopwatch.StartNew();
        await _app.CallAsync(HttpMethod.Post, $"/api/events/{slug}/schedule/releases", token, release, HttpStatusCode.Created);
        var took = timing.Elapsed;
        await AssertWholeAsync(site, eventId, slug, 2, formats);
        output.WriteLine($"first release after a start (uninterrupted): {took.TotalMilliseconds:F0} ms");
        await _app.DisposeAsync();
        _app = await site.StartAsync();

        int present = 0, absent = 0, answered = 0;
        foreach (var delay in KillAt.Select(f => (int)(f * took.TotalMilliseconds)))
        {
            var before = LatestNumber(site, eventId);
            var app = _app;
            var post = Task.Run(async () =>
            {
                try
                {
                    using var response = await app.Http.SendAsync(app.Request(HttpMethod.Post, $"/api/events/{slug}/schedule/releases", token, release));
                    return (int)response.StatusCode;
                }
                // A connection the kill cuts mid-connect can surface as a bare SocketException ("Transport endpoint is not
                // connected", from HttpConnectionPool reading the remote end point outside its own wrapping): no answer either.
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or System.Net.Sockets.SocketException)
                {
                    return 0;
                }
            });
            if (delay > 0) await Task.Delay(delay);
            _app.Kill();
            var status = await post.WaitAsync(TimeSpan.FromSeconds(30));
            await _app.DisposeAsync();
            _app = await site.StartAsync();

            var after = LatestNumber(site, eventId);
            string outcome;
            if (after == before + 1)
            {
                present++;
                outcome = "present";
                await AssertWholeAsync(site, eventId, slug, after, formats);
            }
            else
            {
                Assert.True(after == before, $"Release number went from {before} to {after} after one interrupted release.");
                Assert.True(status != 201, "The release was answered 201 Created but is not stored.");
                Assert.Equal(0, site.Scalar<long>("""
                    SELECT COUNT(*) FROM schedule_release_files f LEFT JOIN schedule_releases r ON r.id = f.release_id WHERE r.id IS NULL
                    """));
                absent++;
                outcome = "absent";
            }
            if (status == 201) answered++;
            output.WriteLine($"kill {delay,4} ms into POST …/releases: answer {(status == 0 ? "none" : status.ToString())}, release {before + 1} {outcome}");
        }

        var last = LatestNumber(site, eventId);
        var next = await _app.CallAsync(HttpMethod.Post, $"/api/events/{slug}/schedule/releases", token, release, HttpStatusCode.Created);
        Assert.Equal(last + 1, next.GetProperty("number").GetInt32());
        await AssertWholeAsync(site, eventId, slug, last + 1, formats);
        var numbers = site.Query<int>("SELECT number FROM schedule_releases WHERE event_id = @eventId ORDER BY number", new { eventId });
        output.WriteLine($"interrupted releases: {KillAt.Length}; present after restart: {present}, absent: {absent}, answered 201 before the kill: {answered}");
        output.WriteLine($"next release after the last restart: {last + 1} (201); releases stored: {string.Join(", ", numbers)}");
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.Equal(KillAt.Length, present + absent);
    }

    private static int LatestNumber(HardStopSite site, long eventId) =>
        site.Scalar<int>("SELECT COALESCE(MAX(number), 0) FROM schedule_releases WHERE event_id = @eventId", new { eventId });

    /// <summary>The release's row, every export stored, and the public schedule.json served from it.</summary>
    private async Task AssertWholeAsync(HardStopSite site, long eventId, string slug, int number, IReadOnlyList<string> formats)
    {
        var stored = site.Query<(string Format, long Length, string ETag)>("""
            SELECT f.format, CAST(length(f.content) AS BIGINT), f.etag FROM schedule_release_files f JOIN schedule_releases r ON r.id = f.release_id
            WHERE r.event_id = @eventId AND r.number = @number ORDER BY f.format
            """, new { eventId, number });
        Assert.Equal(formats, stored.Select(s => s.Format));
        Assert.All(stored, s => Assert.True(s.Length > 0, $"release {number}'s {s.Format} export is empty"));
        using var response = await _app!.Http.GetAsync($"events/{slug}/schedule.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(stored.Single(s => s.Format == "json").ETag, response.Headers.ETag?.ToString());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
