using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Tests.Features.Notifications;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class HeldMailTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task An_organiser_writes_to_the_reviewers_then_reviews_edits_discards_and_releases_the_held_mail()
    {
        await app.CreateUserAsync("held-organiser@example.org", "Olu", admin: true);
        var api = await app.CreateApiClientAsync("held-organiser@example.org");
        var (slug, _) = await app.CreateEventAsync(api, "held-event", "DebConf");
        foreach (var (email, name) in new[] { ("held-a@example.org", "Aiko"), ("held-b@example.org", "Bilal"), ("held-c@example.org", "Chen") })
        {
            await app.CreateUserAsync(email, name);
            (await api.PostAsJsonAsync($"/api/events/{slug}/team", new { email, role = "reviewer" })).EnsureSuccessStatusCode();
        }
        var organiser = await app.SignInAsync("held-organiser@example.org");
        var bulkUrl = $"/events/{slug}/notifications/bulk";

        var queued = await organiser.PostFormAsync($"{bulkUrl}?handler=Queue", new()
        {
            ["Input.Audience"] = "team:reviewer",
            ["Input.Subject"] = "Reviews close Friday",
            ["Input.Body"] = "Hi {recipient_name}, please finish your **{event_name}** reviews by Friday.",
        }, getUrl: bulkUrl);
        Assert.Equal(HttpStatusCode.Redirect, queued.StatusCode);

        var held = await organiser.GetStringAsync($"/events/{slug}/notifications/held");
        Assert.Contains("3 held message(s)", held);
        Assert.DoesNotContain(app.Mail.Sent, m => m.Kind == NotificationKinds.Bulk.Name);
        var reviewer = await app.SignInAsync("held-a@example.org");
        Assert.DoesNotContain("Reviews close Friday", await reviewer.GetStringAsync("/inbox")); // not until released
        var rows = (await app.OutboxAsync("bulk:")).Where(r => r.ToAddress.StartsWith("held-")).ToList();
        var (a, b, c) = (rows.Single(r => r.ToAddress == "held-a@example.org"), rows.Single(r => r.ToAddress == "held-b@example.org"), rows.Single(r => r.ToAddress == "held-c@example.org"));
        Assert.All(rows, r => Assert.Equal(NotificationStates.Held, r.State));

        var editUrl = $"/events/{slug}/notifications/held/{a.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync($"{editUrl}?handler=Save", new()
        {
            ["Input.Subject"] = "Reviews close Friday (Aiko: you have two left)",
            ["Input.Body"] = "Hi Aiko, two reviews left for DebConf.",
        }, getUrl: editUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync($"/events/{slug}/notifications/held?handler=DiscardSelected",
            new() { ["ids"] = c.Id.ToString() }, getUrl: $"/events/{slug}/notifications/held")).StatusCode);

        var release = await organiser.PostFormAsync($"/events/{slug}/notifications/held?handler=ReleaseAll", new(), getUrl: $"/events/{slug}/notifications/held");
        Assert.Equal(HttpStatusCode.Redirect, release.StatusCode);

        await NotificationTestKit.WaitUntilAsync(async () => (await app.RowAsync(a.Id)).State == NotificationStates.Sent && (await app.RowAsync(b.Id)).State == NotificationStates.Sent,
            "the released mail is sent");
        Assert.Equal("Reviews close Friday (Aiko: you have two left)", app.Mail.LastTo("held-a@example.org").Subject);
        var toBilal = app.Mail.LastTo("held-b@example.org");
        Assert.Equal("Reviews close Friday", toBilal.Subject);
        Assert.StartsWith("Hi Bilal, please finish your **DebConf** reviews by Friday.", toBilal.TextBody);
        Assert.NotNull(toBilal.UnsubscribeUrl); // bulk mail is optional mail
        Assert.Equal(NotificationStates.Discarded, (await app.RowAsync(c.Id)).State);
        Assert.DoesNotContain(app.Mail.Sent, m => m.ToAddress == "held-c@example.org" && m.Kind == NotificationKinds.Bulk.Name);
        Assert.Contains("Reviews close Friday", await reviewer.GetStringAsync("/inbox"));
        // Sent mail is history: it no longer opens as a held draft.
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync(editUrl)).StatusCode);
    }

    [Fact]
    public async Task A_bulk_message_needs_a_group_and_known_placeholders()
    {
        await app.CreateUserAsync("held-check@example.org", admin: true);
        var api = await app.CreateApiClientAsync("held-check@example.org");
        var (slug, _) = await app.CreateEventAsync(api, "held-check");
        var organiser = await app.SignInAsync("held-check@example.org");
        var bulkUrl = $"/events/{slug}/notifications/bulk";

        var response = await organiser.PostFormAsync($"{bulkUrl}?handler=Queue", new()
        {
            ["Input.Subject"] = "Hello",
            ["Input.Body"] = "Your talk {proposal_title}",
        }, getUrl: bulkUrl);

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose who gets the message.", page);
        Assert.Contains("{proposal_title} is not a placeholder", page);
        Assert.Contains("Nothing is held.", await organiser.GetStringAsync($"/events/{slug}/notifications/held"));
        Assert.Contains("Reviewers", await organiser.GetStringAsync(bulkUrl));
        var empty = await organiser.PostFormAsync($"{bulkUrl}?handler=Queue", new()
        {
            ["Input.Audience"] = "team:reviewer", ["Input.Subject"] = "Hello", ["Input.Body"] = "Hi",
        }, getUrl: bulkUrl);
        Assert.Contains("Nobody is in that group yet", await empty.Content.ReadAsStringAsync());
    }
}
