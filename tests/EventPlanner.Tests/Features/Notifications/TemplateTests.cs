using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Tests.Features.Notifications;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class TemplateTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private async Task<(HttpClient Api, HttpClient Browser, string Slug, long EventId)> OrganiserAsync(string prefix)
    {
        await app.CreateUserAsync($"{prefix}-organiser@example.org", "Olu Organiser", admin: true);
        var api = await app.CreateApiClientAsync($"{prefix}-organiser@example.org");
        var (slug, id) = await app.CreateEventAsync(api, $"{prefix}-event", "PyCon MY");
        return (api, await app.SignInAsync($"{prefix}-organiser@example.org"), slug, id);
    }

    private static string Url(string slug) => $"/events/{slug}/notifications/templates/{EventNotificationKinds.TeamRoleGranted.Name}";

    [Fact]
    public async Task An_organisers_override_is_used_for_the_events_next_mails()
    {
        var (api, browser, slug, _) = await OrganiserAsync("tpl-override");
        var save = await browser.PostFormAsync($"{Url(slug)}?handler=Save", new()
        {
            ["Input.Subject"] = "Welcome aboard {event_name}, {recipient_name}",
            ["Input.Body"] = "Hi {recipient_name}, you now help run **{event_name}** as {role}. {{not a placeholder}}",
        }, getUrl: Url(slug));
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Contains("yours", await browser.GetStringAsync($"/events/{slug}/notifications/templates"));
        await app.CreateUserAsync("tpl-override-member@example.org", "Nadia *Star*");

        (await api.PostAsJsonAsync($"/api/events/{slug}/team", new { email = "tpl-override-member@example.org", role = "reviewer" })).EnsureSuccessStatusCode();

        await NotificationTestKit.WaitUntilAsync(() => app.Mail.Sent.Any(m => m.ToAddress == "tpl-override-member@example.org"), "the mail is sent");
        var mail = app.Mail.LastTo("tpl-override-member@example.org");
        Assert.Equal("Welcome aboard PyCon MY, Nadia *Star*", mail.Subject);
        Assert.StartsWith("Hi Nadia *Star*, you now help run **PyCon MY** as reviewer. {not a placeholder}", mail.TextBody);
        // A name is text, never formatting: the asterisks survive as asterisks in the HTML part.
        Assert.Contains("Hi Nadia *Star*, you now help run <strong>PyCon MY</strong>", mail.HtmlBody);

        var reset = await browser.PostFormAsync($"{Url(slug)}?handler=Reset", new(), getUrl: Url(slug));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains("built-in", await browser.GetStringAsync($"/events/{slug}/notifications/templates"));
    }

    [Fact]
    public async Task Unknown_placeholders_are_rejected_when_saving()
    {
        var (_, browser, slug, _) = await OrganiserAsync("tpl-unknown");

        var response = await browser.PostFormAsync($"{Url(slug)}?handler=Save", new()
        {
            ["Input.Subject"] = "Hello {speaker_name}",
            ["Input.Body"] = "Your talk {proposal_title} at {event_name}",
        }, getUrl: Url(slug));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("{speaker_name} is not a placeholder of this template", page);
        Assert.Contains("{proposal_title} is not a placeholder of this template", page);
        Assert.Contains("built-in", await browser.GetStringAsync($"/events/{slug}/notifications/templates"));
    }

    [Fact]
    public async Task Preview_renders_a_draft_with_the_events_real_data_without_saving_it()
    {
        var (api, browser, slug, _) = await OrganiserAsync("tpl-preview");
        var before = await browser.GetStringAsync(Url(slug));
        Assert.Contains("you as the recipient", before); // no notification of this kind yet: the event's own details
        Assert.Contains("Olu Organiser", before);
        await app.CreateUserAsync("tpl-preview-member@example.org", "Priya");
        (await api.PostAsJsonAsync($"/api/events/{slug}/team", new { email = "tpl-preview-member@example.org", role = "reviewer" })).EnsureSuccessStatusCode();

        var response = await browser.PostFormAsync($"{Url(slug)}?handler=Preview", new()
        {
            ["Input.Subject"] = "Draft for {recipient_name}",
            ["Input.Body"] = "**{event_name}** welcomes you as {role}, says {granted_by}.",
        }, getUrl: Url(slug));

        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Draft for Priya", page);
        Assert.Contains("<strong>PyCon MY</strong> welcomes you as reviewer, says Olu Organiser.", page);
        Assert.Contains("sent to Priya", page);
        Assert.Contains("built-in", await browser.GetStringAsync($"/events/{slug}/notifications/templates"));
    }

    [Fact]
    public async Task Kinds_without_event_wording_cannot_be_overridden()
    {
        var (_, browser, slug, _) = await OrganiserAsync("tpl-kinds");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/events/{slug}/notifications/templates/password-reset")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/events/{slug}/notifications/templates/no-such-kind")).StatusCode);
    }
}
