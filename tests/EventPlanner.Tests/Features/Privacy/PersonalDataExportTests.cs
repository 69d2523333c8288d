using System.Net;
using System.Text.Json;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Privacy;

[Trait("Engine", "Both")]
public sealed class PersonalDataExportTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task The_export_holds_each_kind_of_record_of_a_person_who_has_one_of_each()
    {
        var p = await PrivacyKit.EverythingAsync(app, "export");

        var response = await p.Api.PostAsync("/api/me/personal-data", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("eventplanner-my-data-", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(p.Email, root.GetProperty("account").GetString());
        var s = root.GetProperty("sections");

        Assert.Equal(p.Name, Rows(s, "account", "profile").Single().GetProperty("display_name").GetString());
        Assert.Equal(p.FullName, Rows(s, "submissions", "speaker_profile").Single().GetProperty("full_name").GetString());
        var proposals = Rows(s, "submissions", "proposals");
        Assert.Equal(["Buy my coin", "Mapping rivers with OpenStreetMap"], proposals.Select(r => r.GetProperty("title").GetString()).Order());
        Assert.Contains(Rows(s, "submissions", "proposal_history"), v => v.GetProperty("proposal_id").GetInt64() == p.AcceptedId);
        Assert.Equal("Clear and useful.", Rows(s, "reviews", "reviews_written").Single().GetProperty("comment").GetString());
        Assert.Equal(p.KeptTicketId, Rows(s, "tickets", "tickets").Single().GetProperty("id").GetInt64());
        Assert.Equal(p.OtherEmail, Rows(s, "tickets", "transfers").Single().GetProperty("recipient_email").GetString(), ignoreCase: true);
        Assert.NotEmpty(Rows(s, "tickets", "holder_changes"));
        Assert.Equal("Mapping rivers with OpenStreetMap", Rows(s, "agenda", "starred_sessions").Single().GetProperty("title").GetString());
        Assert.Single(Rows(s, "agenda", "speaking_in"));
        Assert.Contains(Rows(s, "notifications", "messages"), m => m.GetProperty("to_address").GetString() == p.Email);
        var rsvp = Rows(s, "social_events", "rsvps").Single();
        Assert.Equal(("attending", "no peanuts"), (rsvp.GetProperty("state").GetString(), rsvp.GetProperty("dietary").GetString()));
        // Webhooks keep nothing about a person who set none up; the section says so with an empty list.
        Assert.Empty(Rows(s, "webhooks", "endpoints_created"));
        // Never the secrets of the sign-in.
        Assert.DoesNotContain("password", json.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_export_is_the_signed_in_persons_own_and_needs_a_sign_in()
    {
        var anonymous = await app.CreateClient().PostAsync("/api/me/personal-data", null);
        var ana = await app.CreateApiClientAsync("ana.export@example.org");
        var bo = await app.CreateApiClientAsync("bo.export@example.org");

        var mine = await (await ana.PostAsync("/api/me/personal-data", null)).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("ana.export@example.org", mine);
        Assert.DoesNotContain("bo.export@example.org", mine);
        Assert.Contains("bo.export@example.org", await (await bo.PostAsync("/api/me/personal-data", null)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_profile_page_offers_the_download_and_answers_the_file()
    {
        await app.CreateUserAsync("cy.export@example.org", "Cy Export");
        var browser = await app.SignInAsync("cy.export@example.org");

        var page = await browser.GetStringAsync("/account/profile");
        var file = await browser.PostFormAsync("/account/profile?handler=Export", []);

        Assert.Contains("Download my data", page);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/json", file.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"display_name\": \"Cy Export\"", await file.Content.ReadAsStringAsync());
    }

    private static List<JsonElement> Rows(JsonElement sections, string section, string part) =>
        sections.GetProperty(section).GetProperty(part).EnumerateArray().ToList();
}
