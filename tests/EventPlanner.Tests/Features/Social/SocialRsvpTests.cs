using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Social;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Social;

/// <summary>Answers through the personal link: once per link and changeable, capacity and the waiting list, bad input.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SocialRsvpTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private Db Db => app.Services.GetRequiredService<Db>();

    [Fact]
    public async Task A_link_answers_without_login_and_the_answer_can_be_changed_through_it()
    {
        var s = await SocialKit.CreateAsync(app, "soc-change");
        await s.InviteAsync("zoe@example.org");
        var token = await s.TokenAsync(app, "zoe@example.org");
        var anonymous = app.CreateClient();

        var first = await (await anonymous.RsvpAsync(token, true, guests: 1, dietary: "  Vegetarian\r\n(no eggs) ", accessibility: "Step-free entrance")).ReadRsvpAsync();
        Assert.Equal(SocialStates.Attending, first.State);
        Assert.Equal(1, first.Guests);
        Assert.Equal("Vegetarian\n(no eggs)", first.Dietary);

        var changed = await (await anonymous.RsvpAsync(token, false)).ReadRsvpAsync();
        Assert.Equal(SocialStates.Declined, changed.State);
        Assert.Equal(0, changed.Guests);
        var again = await (await anonymous.RsvpAsync(token, true, dietary: "Vegan")).ReadRsvpAsync();
        Assert.Equal(SocialStates.Attending, again.State);

        // One link, one reply: every answer changed the same row.
        await using var c = await Db.OpenAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM social_invitations WHERE social_event_id = @Id", new { s.Id }));
        var read = await anonymous.GetFromJsonAsync<SocialRsvpResponse>($"/api/invitations/social/{token}");
        Assert.Equal("Vegan", read!.Dietary);
        Assert.Equal(1, (await s.GuestsAsync()).Totals.Yes);
    }

    [Fact]
    public async Task Bad_answers_are_refused_with_field_messages_and_nothing_is_saved()
    {
        var s = await SocialKit.CreateAsync(app, "soc-bad", maxGuests: 1);
        await s.InviteAsync("bad@example.org");
        var token = await s.TokenAsync(app, "bad@example.org");
        var client = app.CreateClient();

        var tooMany = await client.RsvpAsync(token, true, guests: 2, dietary: "Halal");
        var control = await client.RsvpAsync(token, true, dietary: "Halal\u0000");
        var tooLong = await client.RsvpAsync(token, true, accessibility: new string('x', SocialRules.MaxNeeds + 1));
        var missing = await client.RsvpAsync(token, null, dietary: "Halal");
        var negative = await client.RsvpAsync(token, true, guests: -1);

        foreach (var (response, field) in new[] { (tooMany, "guests"), (control, "dietary"), (tooLong, "accessibility"), (missing, "attending"), (negative, "guests") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
        }
        var unchanged = await client.GetFromJsonAsync<SocialRsvpResponse>($"/api/invitations/social/{token}");
        Assert.Equal(SocialStates.Invited, unchanged!.State);
        Assert.Equal("", unchanged.Dietary);
        Assert.Equal(HttpStatusCode.NotFound, (await client.RsvpAsync("no-such-token-" + new string('a', 30), true)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/invitations/social/x")).StatusCode);
    }

    [Fact]
    public async Task When_full_a_yes_waits_in_line_and_a_no_seats_the_first_in_line_that_fits_and_tells_them()
    {
        var s = await SocialKit.CreateAsync(app, "soc-wait", capacity: 3, maxGuests: 2);
        string[] people = ["ana@example.org", "ben@example.org", "cai@example.org", "dev@example.org"];
        await s.InviteAsync(people);
        var t = new Dictionary<string, string>();
        foreach (var p in people) t[p] = await s.TokenAsync(app, p);
        var client = app.CreateClient();

        Assert.Equal(SocialStates.Attending, (await (await client.RsvpAsync(t[people[0]], true, guests: 1)).ReadRsvpAsync()).State);
        Assert.Equal(SocialStates.Attending, (await (await client.RsvpAsync(t[people[1]], true)).ReadRsvpAsync()).State);
        var cai = await (await client.RsvpAsync(t[people[2]], true, guests: 1)).ReadRsvpAsync();
        var dev = await (await client.RsvpAsync(t[people[3]], true)).ReadRsvpAsync();
        Assert.Equal((SocialStates.Waiting, 1), (cai.State, cai.WaitingPosition));
        Assert.Equal((SocialStates.Waiting, 2), (dev.State, dev.WaitingPosition));

        // Ana and her guest cannot come: two places free, Cai and her guest are first in line and fit.
        await SocialKit.Ok(await client.RsvpAsync(t[people[0]], false));
        Assert.Equal(SocialStates.Attending, (await client.GetFromJsonAsync<SocialRsvpResponse>($"/api/invitations/social/{t[people[2]]}"))!.State);
        var devNow = await client.GetFromJsonAsync<SocialRsvpResponse>($"/api/invitations/social/{t[people[3]]}");
        Assert.Equal((SocialStates.Waiting, 1), (devNow!.State, devNow.WaitingPosition));

        // Ben brings a guest now: it does not fit, so his earlier answer stands.
        var refused = await client.RsvpAsync(t[people[1]], true, guests: 1);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("earlier answer stands", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, (await client.GetFromJsonAsync<SocialRsvpResponse>($"/api/invitations/social/{t[people[1]]}"))!.Guests);

        await using var c = await Db.OpenAsync();
        var promoted = (await c.QueryAsync<string>("SELECT to_address FROM notifications WHERE kind = 'social-promoted' AND event_id = (SELECT event_id FROM social_events WHERE id = @Id)",
            new { s.Id })).ToList();
        Assert.Equal([people[2]], promoted);
        var totals = (await s.GuestsAsync()).Totals;
        Assert.Equal((2, 1, 3, 1, 1, 0), (totals.Yes, totals.Guests, totals.People, totals.Waiting, totals.No, totals.Free));
    }

    [Fact]
    public async Task Organisers_get_totals_per_reply_and_dietary_need_and_a_csv_for_the_venue()
    {
        var s = await SocialKit.CreateAsync(app, "soc-csv", capacity: 10, maxGuests: 2);
        string[] people = ["a@example.org", "b@example.org", "c@example.org", "d@example.org", "e@example.org"];
        await s.InviteAsync(people);
        var client = app.CreateClient();
        await SocialKit.Ok(await client.RsvpAsync(await s.TokenAsync(app, people[0]), true, guests: 2, dietary: "Vegetarian"));
        await SocialKit.Ok(await client.RsvpAsync(await s.TokenAsync(app, people[1]), true, dietary: "vegetarian."));
        await SocialKit.Ok(await client.RsvpAsync(await s.TokenAsync(app, people[2]), true, dietary: "=HYPERLINK(\"http://evil\") 素食, Zoë's \"no nuts\""));
        await SocialKit.Ok(await client.RsvpAsync(await s.TokenAsync(app, people[3]), false, dietary: "Halal"));

        var list = await s.GuestsAsync();
        Assert.Equal(new SocialTotals(5, 3, 2, 5, 0, 0, 1, 1, 10, 5), list.Totals);
        var vegetarian = Assert.Single(list.Dietary, n => n.Need == "Vegetarian");
        Assert.Equal((2, 4), (vegetarian.Replies, vegetarian.People));
        Assert.DoesNotContain(list.Dietary, n => n.Need == "Halal"); // not coming

        var csv = await s.Organiser.GetAsync($"{s.Api}/guests.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\") 素食, Zoë's \"\"no nuts\"\"\"", text);
        Assert.Equal(6, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
