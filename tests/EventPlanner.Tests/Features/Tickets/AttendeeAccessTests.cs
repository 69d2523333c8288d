using System.Net;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Tickets;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class AttendeeAccessTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Only_this_events_organisers_get_the_list_and_csv_and_volunteers_only_the_desk()
    {
        var ev = await app.EventAsync();
        var other = await app.EventAsync();
        var type = await ev.TypeAsync();
        var attendee = await app.NamedAttendeeAsync("Nur Aisyah");
        var ticket = await attendee.TicketAsync(ev.Slug, type);
        var volunteer = await app.VolunteerAsync(ev);
        var reviewerEmail = TicketKit.Unique("rev") + "@example.org";
        await app.CreateUserAsync(reviewerEmail);
        await EventTestData.GrantAsync(app, ev.Slug, reviewerEmail, "reviewer");
        var reviewer = await app.CreateApiClientAsync(reviewerEmail);

        string[] organiserOnly = [$"/api/events/{ev.Slug}/attendees", $"/api/events/{ev.Slug}/attendees/export.csv"];
        string[] desk = [$"/api/events/{ev.Slug}/check-in/search?q=nur"];
        foreach (var url in organiserOnly)
        {
            Assert.Equal(HttpStatusCode.OK, (await ev.Organiser.GetAsync(url)).StatusCode);
            foreach (var (who, client) in new[] { ("other organiser", other.Organiser), ("reviewer", reviewer), ("attendee", attendee.Api), ("volunteer", volunteer.Api) })
                Assert.True((await client.GetAsync(url)).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{who} on {url}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(url)).StatusCode);
        }
        foreach (var url in desk)
        {
            Assert.Equal(HttpStatusCode.OK, (await ev.Organiser.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await volunteer.Api.GetAsync(url)).StatusCode);
            foreach (var client in new[] { other.Organiser, reviewer, attendee.Api })
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }
        var strangerChecksIn = await attendee.Api.PostAsync($"/api/events/{ev.Slug}/check-in/tickets/{ticket.Id}", null);
        var otherOrganiserChecksIn = await other.Organiser.PostAsync($"/api/events/{ev.Slug}/check-in/tickets/{ticket.Id}", null);
        var viaOtherEvent = await other.Organiser.PostAsync($"/api/events/{other.Slug}/check-in/tickets/{ticket.Id}", null);
        Assert.Equal(HttpStatusCode.Forbidden, strangerChecksIn.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherOrganiserChecksIn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, viaOtherEvent.StatusCode);
    }

    [Fact]
    public async Task The_pages_follow_the_same_rules()
    {
        var ev = await app.EventAsync();
        var other = await app.EventAsync();
        var type = await ev.TypeAsync();
        await (await app.NamedAttendeeAsync("Zoë Lim")).TicketAsync(ev.Slug, type);
        var volunteer = await app.VolunteerAsync(ev);
        var organiserPage = await app.SignInAsync(ev.OrganiserEmail);
        var volunteerPage = await app.SignInAsync(volunteer.Email);
        var otherOrganiserPage = await app.SignInAsync(other.OrganiserEmail);

        var list = await organiserPage.GetAsync($"/events/{ev.Slug}/attendees?q=zo%C3%AB");
        var csv = await organiserPage.GetAsync($"/events/{ev.Slug}/attendees?handler=Csv");
        var volunteerList = await volunteerPage.GetAsync($"/events/{ev.Slug}/attendees");
        var volunteerCsv = await volunteerPage.GetAsync($"/events/{ev.Slug}/attendees?handler=Csv");
        var volunteerDesk = await volunteerPage.GetAsync($"/events/{ev.Slug}/check-in?q=zoe");
        var otherList = await otherOrganiserPage.GetAsync($"/events/{ev.Slug}/attendees");
        var otherDesk = await otherOrganiserPage.GetAsync($"/events/{ev.Slug}/check-in?q=zoe");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var html = await list.Content.ReadAsStringAsync();
        Assert.Contains("Zoë Lim", System.Net.WebUtility.HtmlDecode(html));
        Assert.Contains("1 ticket", html);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("Zoë Lim", System.Text.Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()));
        Assert.Contains("access-denied", volunteerList.Headers.Location!.OriginalString);
        Assert.Contains("access-denied", volunteerCsv.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, volunteerDesk.StatusCode);
        var desk = System.Net.WebUtility.HtmlDecode(await volunteerDesk.Content.ReadAsStringAsync());
        Assert.Contains("Zoë Lim", desk);
        Assert.Contains("access-denied", otherList.Headers.Location!.OriginalString);
        Assert.Contains("access-denied", otherDesk.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("state=lost", "State must be one of")]
    [InlineData("p=-1", "Page must be 1 to")]
    [InlineData("p=abc", "Page must be 1 to")]
    [InlineData("type=abc", "Ticket type must be")]
    public async Task Bad_filters_on_the_page_are_messages_next_to_the_fields(string query, string message)
    {
        var ev = await app.EventAsync();
        var browser = await app.SignInAsync(ev.OrganiserEmail);

        var response = await browser.GetAsync($"/events/{ev.Slug}/attendees?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_short_or_huge_desk_query_is_a_message_on_the_page()
    {
        var ev = await app.EventAsync();
        var browser = await app.SignInAsync(ev.OrganiserEmail);

        var short_ = await browser.GetStringAsync($"/events/{ev.Slug}/check-in?q=a");
        var huge = await browser.GetAsync($"/events/{ev.Slug}/check-in?q={new string('a', 1000)}");
        var long_ = await browser.GetAsync($"/events/{ev.Slug}/attendees?q={new string('a', 1000)}");

        Assert.Contains("Type at least 2 characters", short_);
        Assert.Equal(HttpStatusCode.OK, huge.StatusCode);
        Assert.Contains("at most 200 characters", await huge.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, long_.StatusCode);
        Assert.Contains("at most 200 characters", await long_.Content.ReadAsStringAsync());
    }
}
