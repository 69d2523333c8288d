using System.Net;
using Xunit.Abstractions;

namespace EventPlanner.Tests.HardStops;

/// <summary>
/// kill -9 while an organiser's schedule release is being made, at several delays, each followed by a restart:
/// the release is either there in full (its row, every stored export, and served as the public schedule) or not
/// there at all, and the next release works.
/// </summary>
// SQLite-only: the app as its own process on a SQLite data folder, killed and restarted; killing a node on PostgreSQL is MultiNode's (issue 19)
[Collection(HardStopCollection.Name)]
public sealed class ScheduleReleaseHardStopTests(HardStopData data, ITestOutputHelper output) : IAsyncLifetime
{
    // Fractions of how long the first release after a start takes (measured first), so the kills spread over it.
    private static readonly double[] KillAt = [0.3, 0.6, 0.8, 0.9, 1.0, 1.1];
    private AppProcess? _app;

    [Fact]
    public async Task Killed_mid_release_the_release_is_whole_or_absent_and_the_next_release_works()
    {
        var (dir, generated) = await data.CopyAsync("release");
        var slug = generated.EventSlug;
        var token = generated.ApiToken(generated.OrganiserEmail);
        var eventId = HardStopDb.Scalar<long>(dir, "SELECT id FROM events WHERE slug = @slug", new { slug });
        // The generated schedule is released once already: its exports are the set every release must have.
        var formats = HardStopDb.Query<string>(dir, """
            SELECT f.format FROM schedule_release_files f JOIN schedule_releases r ON r.id = f.release_id
            WHERE r.event_id = @eventId AND r.number = 1 ORDER BY f.format
            """, new { eventId });
        Assert.NotEmpty(formats);
        var release = new { notify = "immediate", @override = true, reason = "Hard-stop test" };

        _app = await AppProcess.StartAsync(dir);
        var timing = System.Diagnostics.Stopwatch.StartNew();
        await _app.CallAsync(HttpMethod.Post, $"/api/events/{slug}/schedule/releases", token, release, HttpStatusCode.Created);
        var took = timing.Elapsed;
        await AssertWholeAsync(dir, eventId, slug, 2, formats);
        output.WriteLine($"first release after a start (uninterrupted): {took.TotalMilliseconds:F0} ms");
        await _app.DisposeAsync();
        _app = await AppProcess.StartAsync(dir);

        int present = 0, absent = 0, answered = 0;
        foreach (var delay in KillAt.Select(f => (int)(f * took.TotalMilliseconds)))
        {
            var before = LatestNumber(dir, eventId);
            var app = _app;
            var post = Task.Run(async () =>
            {
                try
                {
                    using var response = await app.Http.SendAsync(app.Request(HttpMethod.Post, $"/api/events/{slug}/schedule/releases", token, release));
                    return (int)response.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    return 0;
                }
            });
            if (delay > 0) await Task.Delay(delay);
            _app.Kill();
            var status = await post.WaitAsync(TimeSpan.FromSeconds(30));
            await _app.DisposeAsync();
            _app = await AppProcess.StartAsync(dir);

            var after = LatestNumber(dir, eventId);
            string outcome;
            if (after == before + 1)
            {
                present++;
                outcome = "present";
                await AssertWholeAsync(dir, eventId, slug, after, formats);
            }
            else
            {
                Assert.True(after == before, $"Release number went from {before} to {after} after one interrupted release.");
                Assert.True(status != 201, "The release was answered 201 Created but is not stored.");
                Assert.Equal(0, HardStopDb.Scalar<long>(dir, """
                    SELECT COUNT(*) FROM schedule_release_files f LEFT JOIN schedule_releases r ON r.id = f.release_id WHERE r.id IS NULL
                    """));
                absent++;
                outcome = "absent";
            }
            if (status == 201) answered++;
            output.WriteLine($"kill {delay,4} ms into POST …/releases: answer {(status == 0 ? "none" : status.ToString())}, release {before + 1} {outcome}");
        }

        var last = LatestNumber(dir, eventId);
        var next = await _app.CallAsync(HttpMethod.Post, $"/api/events/{slug}/schedule/releases", token, release, HttpStatusCode.Created);
        Assert.Equal(last + 1, next.GetProperty("number").GetInt32());
        await AssertWholeAsync(dir, eventId, slug, last + 1, formats);
        var numbers = HardStopDb.Query<int>(dir, "SELECT number FROM schedule_releases WHERE event_id = @eventId ORDER BY number", new { eventId });
        output.WriteLine($"interrupted releases: {KillAt.Length}; present after restart: {present}, absent: {absent}, answered 201 before the kill: {answered}");
        output.WriteLine($"next release after the last restart: {last + 1} (201); releases stored: {string.Join(", ", numbers)}");
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.Equal(KillAt.Length, present + absent);
    }

    private static int LatestNumber(string dir, long eventId) =>
        HardStopDb.Scalar<int>(dir, "SELECT COALESCE(MAX(number), 0) FROM schedule_releases WHERE event_id = @eventId", new { eventId });

    /// <summary>The release's row, every export stored, and the public schedule.json served from it.</summary>
    private async Task AssertWholeAsync(string dir, long eventId, string slug, int number, IReadOnlyList<string> formats)
    {
        var stored = HardStopDb.Query<(string Format, long Length, string ETag)>(dir, """
            SELECT f.format, length(f.content), f.etag FROM schedule_release_files f JOIN schedule_releases r ON r.id = f.release_id
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
