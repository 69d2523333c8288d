using System.Net;
using System.Net.Http.Json;
using System.Text;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Tickets;

namespace EventPlanner.Tests.Features.Tickets;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class AttendeeListTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private sealed record Cast(TestEvent Ev, long Community, long Supporter, long Nur, long Zoe, long Ahmad, long Ali, long Mei, string MeiEmail);

    // Five tickets of two types in every state the list filters by, and one at another event.
    private async Task<Cast> CastAsync()
    {
        var ev = await app.EventAsync();
        var community = await ev.TypeAsync("Community");
        var supporter = await ev.TypeAsync("Supporter");
        var nur = await (await app.NamedAttendeeAsync("Nur Aisyah")).TicketAsync(ev.Slug, community);
        var zoe = await (await app.NamedAttendeeAsync("Zoë Tan")).TicketAsync(ev.Slug, supporter);
        var ahmad = await (await app.NamedAttendeeAsync("Ahmad Nur")).TicketAsync(ev.Slug, community);
        var aliUser = await app.NamedAttendeeAsync("Ali Hassan");
        var ali = await aliUser.TicketAsync(ev.Slug, community);
        (await aliUser.Api.PostAsync($"/api/my/tickets/{ali.Id}/cancel", null)).EnsureSuccessStatusCode();
        var meiUser = await app.NamedAttendeeAsync("Mei Ling", "meiling");
        var mei = await meiUser.TicketAsync(ev.Slug, supporter);
        (await ev.Organiser.CheckInAsync(ev.Slug, mei.Secret)).EnsureSuccessStatusCode();
        var other = await app.EventAsync();
        await (await app.NamedAttendeeAsync("Nur Elsewhere")).TicketAsync(other.Slug, await other.TypeAsync());
        return new(ev, community, supporter, nur.Id, zoe.Id, ahmad.Id, ali.Id, mei.Id, meiUser.Email);
    }

    private async Task<long[]> IdsAsync(TestEvent ev, string query)
    {
        var page = await ev.Organiser.GetFromJsonAsync<AttendeePageResponse>($"/api/events/{ev.Slug}/attendees?{query}");
        return page!.Attendees.Select(a => a.TicketId).Order().ToArray();
    }

    private static long[] Sorted(params long[] ids) => ids.Order().ToArray();

    [Fact]
    public async Task Search_and_filters_return_exactly_the_right_tickets()
    {
        var c = await CastAsync();

        Assert.Equal(Sorted(c.Nur, c.Zoe, c.Ahmad, c.Ali, c.Mei), await IdsAsync(c.Ev, ""));
        Assert.Equal(Sorted(c.Nur, c.Ahmad), await IdsAsync(c.Ev, "q=nur"));
        Assert.Equal(Sorted(c.Nur), await IdsAsync(c.Ev, "q=" + Uri.EscapeDataString("NUR AISYAH")));
        Assert.Equal(Sorted(c.Zoe), await IdsAsync(c.Ev, "q=" + Uri.EscapeDataString("zoë")));
        Assert.Equal(Sorted(c.Zoe), await IdsAsync(c.Ev, "q=zoe"));
        Assert.Equal(Sorted(c.Mei), await IdsAsync(c.Ev, "q=" + Uri.EscapeDataString(c.MeiEmail[..10].ToUpperInvariant())));
        Assert.Equal(Sorted(c.Zoe, c.Mei), await IdsAsync(c.Ev, $"type={c.Supporter}"));
        Assert.Equal(Sorted(c.Mei), await IdsAsync(c.Ev, "state=checked_in"));
        Assert.Equal(Sorted(c.Ali), await IdsAsync(c.Ev, "state=cancelled"));
        Assert.Equal(Sorted(c.Nur, c.Zoe, c.Ahmad), await IdsAsync(c.Ev, "state=valid"));
        Assert.Equal(Sorted(c.Nur, c.Ahmad), await IdsAsync(c.Ev, $"q=nur&type={c.Community}&state=valid"));
        Assert.Empty(await IdsAsync(c.Ev, "q=elsewhere"));
    }

    [Fact]
    public async Task Rows_are_sorted_by_name_and_say_their_state_and_times()
    {
        var c = await CastAsync();

        var page = (await c.Ev.Organiser.GetFromJsonAsync<AttendeePageResponse>($"/api/events/{c.Ev.Slug}/attendees"))!;

        Assert.Equal(["Ahmad Nur", "Ali Hassan", "Mei Ling", "Nur Aisyah", "Zoë Tan"], page.Attendees.Select(a => a.HolderName));
        var mei = page.Attendees.Single(a => a.TicketId == c.Mei);
        Assert.Equal(AttendeeStates.CheckedIn, mei.State);
        Assert.NotNull(mei.CheckedInAt);
        Assert.Equal(c.MeiEmail, mei.Email);
        Assert.Equal("Supporter", mei.TicketType);
        Assert.Equal(AttendeeStates.Cancelled, page.Attendees.Single(a => a.TicketId == c.Ali).State);
        Assert.Equal((5, 1, 1), (page.Total, page.Page, page.PageCount));
    }

    [Fact]
    public async Task The_csv_keeps_non_ascii_names_and_defuses_formula_looking_ones()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync("Community");
        await (await app.NamedAttendeeAsync("Zoë Ng")).TicketAsync(ev.Slug, type);
        await (await app.NamedAttendeeAsync("=HYPERLINK(\"http://evil.example\",\"x\")")).TicketAsync(ev.Slug, type);
        await (await app.NamedAttendeeAsync("@SUM(A1)")).TicketAsync(ev.Slug, type);

        var response = await ev.Organiser.GetAsync($"/api/events/{ev.Slug}/attendees/export.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        var filtered = Encoding.UTF8.GetString((await ev.Organiser.GetByteArrayAsync($"/api/events/{ev.Slug}/attendees/export.csv?q=zoe")).AsSpan(3));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("ticket_id,holder_name,badge_name,email,ticket_type,state", text);
        Assert.Contains(",Zoë Ng,", text);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",", text);
        Assert.Contains(",'@SUM(A1),", text);
        Assert.DoesNotContain(",=HYPERLINK", text);
        Assert.Equal(2, filtered.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("Zoë Ng", filtered);
    }

    [Fact]
    public async Task Thousands_of_tickets_come_a_page_at_a_time_in_one_order()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync("Community", quota: 1000, perOrderLimit: 10);
        var crowd = await app.CrowdAsync("crowd", 25);
        foreach (var person in crowd)
        {
            for (var i = 0; i < 10; i++) (await person.Api.RegisterAsync(ev.Slug, type)).EnsureSuccessStatusCode();
        }

        var pages = new List<AttendeePageResponse>();
        for (var p = 1; p <= 4; p++) pages.Add((await ev.Organiser.GetFromJsonAsync<AttendeePageResponse>($"/api/events/{ev.Slug}/attendees?page={p}"))!);

        Assert.All(pages, p => Assert.Equal((250, 3), (p.Total, p.PageCount)));
        Assert.Equal([100, 100, 50, 0], pages.Select(p => p.Attendees.Count));
        var ids = pages.SelectMany(p => p.Attendees.Select(a => a.TicketId)).ToList();
        Assert.Equal(250, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("page=-1", "page")]
    [InlineData("page=0", "page")]
    [InlineData("page=2147483647", "page")]
    [InlineData("state=lost", "state")]
    [InlineData("type=-5", "type")]
    [InlineData("q=%01abc", "q")]
    public async Task Bad_input_is_a_field_message_not_a_crash(string query, string field)
    {
        var ev = await app.EventAsync();

        var response = await ev.Organiser.GetAsync($"/api/events/{ev.Slug}/attendees?{query}");
        var csv = await ev.Organiser.GetAsync($"/api/events/{ev.Slug}/attendees/export.csv?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>())!;
        Assert.True(problem.Errors.ContainsKey(field), string.Join(", ", problem.Errors.Keys));
        Assert.True((int)csv.StatusCode is >= 400 and < 500 || (field == "page" && csv.IsSuccessStatusCode), $"{csv.StatusCode}");
    }

    [Fact]
    public async Task A_ten_thousand_character_query_or_a_word_for_a_page_is_refused_with_4xx()
    {
        var ev = await app.EventAsync();
        var huge = new string('x', 10_000);
        var long_ = new string('x', 1_000);

        var tooLongUrl = await ev.Organiser.GetAsync($"/api/events/{ev.Slug}/attendees?q={huge}");
        var list = await ev.Organiser.GetAsync($"/api/events/{ev.Slug}/attendees?q={long_}");
        var csv = await ev.Organiser.GetAsync($"/api/events/{ev.Slug}/attendees/export.csv?q={long_}");
        var word = await ev.Organiser.GetAsync($"/api/events/{ev.Slug}/attendees?page=abc");

        // The host refuses a 10,000-character address before any endpoint (414); a shorter one gets the field's message.
        Assert.Equal(HttpStatusCode.RequestUriTooLong, tooLongUrl.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.Contains("at most 200 characters", await list.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, word.StatusCode);
    }
}
