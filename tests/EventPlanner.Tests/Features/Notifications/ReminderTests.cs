using System.Collections.Concurrent;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Features.Notifications.Reminders;
using EventPlanner.Web.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Notifications;

/// <summary>A stand-in for a feature's reminders: "the call for papers closes in 3 days", for every registered deadline.</summary>
public sealed class TestDeadlineReminders : IReminderSource
{
    public ConcurrentBag<(long EventId, long UserId, DateTimeOffset ClosesAt)> Deadlines { get; } = [];

    public string Name => "test-cfp-closing";

    public Task<IReadOnlyList<NotificationRequest>> DueAsync(DateTimeOffset now, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<NotificationRequest>>(Deadlines
            .Where(d => now >= d.ClosesAt.AddDays(-3) && now < d.ClosesAt)
            .Select(d => new NotificationRequest($"test-cfp-closing:{d.EventId}:{d.UserId}", NotificationKinds.EventStartsTomorrow.Name, d.UserId, d.EventId,
                new Dictionary<string, string> { ["starts_on"] = d.ClosesAt.ToString("d MMM"), ["venue"] = "online" }))
            .ToList());
}

public sealed class RemindersApp : EventPlannerApp
{
    protected override bool RunsJobs => true;

    public TestDeadlineReminders Deadlines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IReminderSource>(Deadlines));
    }
}

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ReminderTests(RemindersApp app) : IClassFixture<RemindersApp>
{
    private Task<int> RunAsync() => app.Services.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None);

    private int Reminded(string email) => app.Mail.Sent.Count(m => m.ToAddress == email && m.Kind == NotificationKinds.EventStartsTomorrow.Name);

    [Fact]
    public async Task A_reminder_fires_once_per_recipient_however_often_the_job_runs()
    {
        var api = await app.CreateApiClientAsync("remind-admin@example.org", admin: true);
        var (_, eventId) = await app.CreateEventAsync(api, "remind-cfp");
        var ana = await app.CreateUserAsync("remind-ana@example.org");
        var ben = await app.CreateUserAsync("remind-ben@example.org");
        var closes = app.Clock.GetUtcNow().AddDays(5);
        app.Deadlines.Deadlines.Add((eventId, ana.Id, closes));
        app.Deadlines.Deadlines.Add((eventId, ben.Id, closes));

        var prefix = $"test-cfp-closing:{eventId}:";
        await RunAsync();
        Assert.Empty(await app.OutboxAsync(prefix)); // five days out: not yet

        app.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1)); // inside the three-day window
        await RunAsync();
        Assert.Equal(2, (await app.OutboxAsync(prefix)).Count);
        await RunAsync(); // the next run, and the one after a restart, find the keys taken
        app.Clock.Advance(TimeSpan.FromDays(1));
        await RunAsync();
        Assert.Equal(2, (await app.OutboxAsync(prefix)).Count);

        await NotificationTestKit.WaitUntilAsync(() => Reminded("remind-ana@example.org") == 1 && Reminded("remind-ben@example.org") == 1, "both are reminded");
        Assert.Single(await app.OutboxAsync($"test-cfp-closing:{eventId}:{ana.Id}"));
    }

    [Fact]
    public async Task The_event_team_hears_the_day_before_the_event_from_eight_in_the_events_time_zone()
    {
        var api = await app.CreateApiClientAsync("remind-team@example.org", admin: true);
        var response = await api.PostAsJsonAsync("/api/events", new
        {
            slug = "remind-tomorrow", name = "FOSS.my 2026", timeZone = "Asia/Kuala_Lumpur", startsOn = "2026-12-05", endsOn = "2026-12-05", venue = "APU",
        });
        response.EnsureSuccessStatusCode();
        await app.CreateUserAsync("remind-reviewer@example.org");
        (await api.PostAsJsonAsync("/api/events/remind-tomorrow/team", new { email = "remind-reviewer@example.org", role = "reviewer" })).EnsureSuccessStatusCode();
        var prefix = $"reminder-event-starts-tomorrow:{(await app.OutboxAsync("team-role-granted:")).Single(r => r.ToAddress == "remind-reviewer@example.org").EventId}:";

        // 07:30 on 4 December in Kuala Lumpur (UTC+8): the right day, too early to ring anyone.
        app.Clock.AdjustTime(new DateTimeOffset(2026, 12, 3, 23, 30, 0, TimeSpan.Zero));
        await RunAsync();
        Assert.Empty(await app.OutboxAsync(prefix));

        app.Clock.AdjustTime(new DateTimeOffset(2026, 12, 4, 1, 0, 0, TimeSpan.Zero)); // 09:00 there
        await RunAsync();
        await RunAsync();

        var rows = await app.OutboxAsync(prefix);
        Assert.Equal(2, rows.Count); // the organiser and the reviewer, once each
        await NotificationTestKit.WaitUntilAsync(() => Reminded("remind-reviewer@example.org") == 1, "the reviewer is reminded");
        // The team-role mail goes out through the same background delivery and may land after the reminder: pick the reminder.
        var mail = app.Mail.Sent.Last(m => m.ToAddress == "remind-reviewer@example.org" && m.Kind == NotificationKinds.EventStartsTomorrow.Name);
        Assert.Equal("FOSS.my 2026 starts tomorrow", mail.Subject);
        Assert.Contains("Saturday 5 December 2026, at APU", mail.TextBody);
        Assert.NotNull(mail.UnsubscribeUrl);
    }

    [Fact]
    public async Task The_reminder_job_is_a_recurring_hangfire_job_that_runs_the_sources()
    {
        var api = await app.CreateApiClientAsync("remind-hangfire@example.org", admin: true);
        var (_, eventId) = await app.CreateEventAsync(api, "remind-hangfire");
        var user = await app.CreateUserAsync("remind-hangfire-user@example.org");
        app.Deadlines.Deadlines.Add((eventId, user.Id, app.Clock.GetUtcNow().AddDays(1)));

        app.Services.GetRequiredService<IRecurringJobManager>().Trigger(NotificationsServiceCollectionExtensions.RemindersJobId);

        await NotificationTestKit.WaitUntilAsync(() => Reminded("remind-hangfire-user@example.org") == 1, "the triggered job reminds");
    }
}
