using Xunit.Abstractions;

namespace EventPlanner.Tests.Features.Notifications;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class DrainBenchmarkTests(ITestOutputHelper output)
{
    // A small run keeps the scenario honest in every test run; set EVENTPLANNER_BENCH_NOTIFICATIONS=10000 for the full one.
    [Fact]
    public async Task Draining_a_queue_over_smtp_delivers_every_notification_once()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("EVENTPLANNER_BENCH_NOTIFICATIONS"), out var n) ? n : 300;

        var result = await NotificationDrainBenchmark.RunAsync(count);

        output.WriteLine(result.ToString());
        Assert.Equal(count, result.Queued);
        Assert.Equal(count, result.Delivered);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(0, result.Lost);
    }
}
