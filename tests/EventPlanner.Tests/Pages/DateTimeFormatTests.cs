using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Notifications;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Tests.Pages;

/// <summary>One date and time format everywhere (issue 14): the event's zone for event times, UTC for the inbox (put right by the reader's browser), never seconds.</summary>
[Trait("Engine", "Both")]
public sealed partial class DateTimeFormatTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static readonly TimeZoneInfo KualaLumpur = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kuala_Lumpur");

    [GeneratedRegex(@"\b\d{1,2}:\d{2}:\d{2}\b")]
    private static partial Regex Seconds();

    [Fact]
    public void A_moment_is_shown_in_the_given_zone_without_seconds()
    {
        var deadline = DateTimeOffset.Parse("2026-11-30T15:59:59Z"); // 23:59:59 in Kuala Lumpur
        Assert.Equal("Mon 30 Nov 2026, 23:59", LocalTimes.Show(deadline, KualaLumpur));
        Assert.Equal("Monday 30 November 2026, 23:59", LocalTimes.ShowLong(deadline, KualaLumpur));
        Assert.Equal("Mon 30 Nov 2026, 15:59 UTC", LocalTimes.ShowUtc(deadline));
        // The zone decides the date: half past four UTC is already the next day in Kuala Lumpur.
        Assert.Equal("Tue 1 Dec 2026, 00:30", LocalTimes.Show(DateTimeOffset.Parse("2026-11-30T16:30:00Z"), KualaLumpur));
        Assert.Equal("Monday 30 November 2026, 23:59 (Asia/Kuala_Lumpur)", Web.Features.Submissions.CfpTime.Describe(deadline, KualaLumpur));
    }

    [Fact]
    public async Task The_inbox_and_the_account_page_show_times_without_seconds_in_the_one_format()
    {
        var organiser = await app.CreateApiClientAsync("dtf-org@example.org", admin: true);
        await app.CreateApiClientAsync("dtf-member@example.org");
        var (slug, _) = await app.CreateEventAsync(organiser, "dtf-event", "Format Meetup");
        (await organiser.PostAsJsonAsync($"/api/events/{slug}/team", new { email = "dtf-member@example.org", role = "reviewer" })).EnsureSuccessStatusCode();
        var member = await app.SignInAsync("dtf-member@example.org");

        foreach (var page in new[] { "/inbox", "/account/profile" })
        {
            var html = await (await member.GetAsync(page)).HtmlAsync();
            var times = html.QuerySelectorAll("main time").ToList();
            Assert.NotEmpty(times);
            foreach (var t in times)
            {
                Assert.DoesNotMatch(Seconds(), t.TextContent);
                Assert.Equal(LocalTimes.ShowUtc(DateTimeOffset.Parse(t.GetAttribute("datetime")!)), t.TextContent.Trim());
                Assert.True(t.HasAttribute("data-viewer-zone"), $"{page}: the browser puts inbox times into the reader's zone");
            }
            Assert.NotNull(html.QuerySelector("script[src^='/js/local-times.js']"));
        }
    }
}
