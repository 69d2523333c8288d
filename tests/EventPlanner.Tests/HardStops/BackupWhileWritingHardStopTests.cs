using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace EventPlanner.Tests.HardStops;

/// <summary>
/// The README's backup (<c>sqlite3 db/eventplanner.db ".backup '…'"</c> and a copy of db/keys), taken while an
/// organiser's script keeps writing, restored as the README says into a new data folder: the app starts, the
/// copy is intact, and it holds every write answered before the backup began and none begun after it ended.
/// </summary>
[Trait("Engine", "SqliteOnly")] // the README's sqlite3 .backup of a SQLite data folder while the app runs as its own process
[Collection(HardStopCollection.Name)]
public sealed class BackupWhileWritingHardStopTests(HardStopData data, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Prefix = "Backup room ";
    private AppProcess? _app;
    private AppProcess? _restored;

    [Fact]
    public async Task Backup_taken_with_the_readme_command_during_writes_restores_to_a_working_app()
    {
        var (dir, generated) = await data.CopyAsync("backup");
        var slug = generated.EventSlug;
        var token = generated.ApiToken(generated.OrganiserEmail);
        _app = await AppProcess.StartAsync(dir);

        // The writer: one room after another, each stamped when sent and when answered 201.
        var clock = Stopwatch.StartNew();
        var sentAt = new ConcurrentDictionary<string, TimeSpan>();
        var createdAt = new ConcurrentDictionary<string, TimeSpan>();
        using var stop = new CancellationTokenSource();
        var app = _app;
        var writer = Task.Run(async () =>
        {
            for (var i = 1; !stop.IsCancellationRequested && i < 5_000; i++)
            {
                var name = $"{Prefix}{i:D4}";
                sentAt[name] = clock.Elapsed;
                using var response = await app.Http.SendAsync(app.Request(HttpMethod.Post, $"/api/events/{slug}/rooms", token, new { name, capacity = 20 + i % 50 }));
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"POST rooms answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
                createdAt[name] = clock.Elapsed;
            }
        });
        await WaitForAsync(() => createdAt.Count >= 15 || writer.IsCompleted, "15 rooms written");

        var backupFolder = data.EmptyDirectory("backup-copy");
        var backupFile = Path.Combine(backupFolder, $"eventplanner-{DateTime.UtcNow:yyyy-MM-dd}.db");
        var backupStarted = clock.Elapsed;
        var backup = await RunAsync(Sqlite3(), HardStopDb.PathIn(dir), $".backup '{backupFile}'");
        var backupEnded = clock.Elapsed;
        Assert.True(backup.ExitCode == 0, $"sqlite3 .backup exited {backup.ExitCode}: {backup.Output}");
        CopyDirectory(Path.Combine(dir, "keys"), Path.Combine(backupFolder, "keys"));
        var createdBeforeBackup = createdAt.Count(c => c.Value < backupStarted);

        // Go on until rooms sent after the backup ended have been answered too (on a loaded machine the first 30 may all
        // have been sent while it ran), so the restore is checked against writes on both sides of it.
        await WaitForAsync(() => (createdAt.Count >= createdBeforeBackup + 30 && createdAt.Keys.Count(k => sentAt[k] > backupEnded) >= 5) || writer.IsCompleted,
            "30 more rooms written, 5 of them sent after the backup ended");
        await stop.CancelAsync();
        await writer.WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
        _app = null;

        var integrity = await RunAsync(Sqlite3(), backupFile, "PRAGMA integrity_check;");
        Assert.Equal("ok", integrity.Output.Trim());

        // Restore as the README says: the copy as eventplanner.db (no -wal/-shm beside it), the keys back, start.
        var restoredDir = data.EmptyDirectory("restored");
        File.Copy(backupFile, HardStopDb.PathIn(restoredDir));
        CopyDirectory(Path.Combine(backupFolder, "keys"), Path.Combine(restoredDir, "keys"));
        _restored = await AppProcess.StartAsync(restoredDir);
        var rooms = await _restored.CallAsync(HttpMethod.Get, $"/api/events/{slug}/rooms", token, null, HttpStatusCode.OK);
        var restored = rooms.EnumerateArray().Select(r => r.GetProperty("name").GetString()!).Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).ToHashSet();
        var answeredBefore = createdAt.Where(c => c.Value < backupStarted).Select(c => c.Key).ToList();
        var begunAfter = sentAt.Where(s => s.Value > backupEnded).Select(s => s.Key).ToList();

        output.WriteLine($"rooms written: {createdAt.Count} (answered 201); backup took {(backupEnded - backupStarted).TotalMilliseconds:F0} ms with the writer running");
        output.WriteLine($"answered before the backup began: {answeredBefore.Count}; begun after it ended: {begunAfter.Count}");
        output.WriteLine($"in the restored app: {restored.Count} rooms of the writer; integrity_check: {integrity.Output.Trim()}; " +
                         $"keys copied: {(Directory.Exists(Path.Combine(restoredDir, "keys")) ? Directory.GetFiles(Path.Combine(restoredDir, "keys")).Length : 0)}");
        Assert.All(answeredBefore, name => Assert.Contains(name, restored));
        Assert.All(begunAfter, name => Assert.DoesNotContain(name, restored));
        Assert.NotEmpty(begunAfter);

        // The restored app works: a write, the public schedule, and the organiser's token (a row in the copy).
        await _restored.CallAsync(HttpMethod.Post, $"/api/events/{slug}/rooms", token, new { name = "After the restore", capacity = 10 }, HttpStatusCode.Created);
        using var schedule = await _restored.Http.GetAsync($"events/{slug}/schedule.json");
        Assert.Equal(HttpStatusCode.OK, schedule.StatusCode);
        output.WriteLine($"after the restore: a new room 201, schedule.json {(int)schedule.StatusCode}");
    }

    private static async Task WaitForAsync(Func<bool> done, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"Waited 60 s for {what}.");
            await Task.Delay(5);
        }
    }

    /// <summary>The Debian sqlite3 shell the README's backup command uses (.ci/run installs it).</summary>
    private static string Sqlite3()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "sqlite3")).FirstOrDefault(File.Exists);
        Assert.True(found is not null, "The README's backup command needs the sqlite3 shell: apt-get install sqlite3 (CI's .ci/run installs it).");
        return found!;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    // cp -r: the keys folder appears with the first key the app makes (a sign-in cookie, an emailed token).
    private static void CopyDirectory(string from, string to)
    {
        if (!Directory.Exists(from)) return;
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_restored is not null) await _restored.DisposeAsync();
    }
}
