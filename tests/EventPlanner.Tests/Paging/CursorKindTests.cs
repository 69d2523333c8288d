using System.Net;
using System.Text;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Paging;

/// <summary>
/// A cursor is hostile input: one with the right number of values but of the wrong kinds (text where the list sorts
/// by a number, a number where it sorts by text, fractions, nulls, nested values, numbers past a bigint) is a 400 on
/// both engines. PostgreSQL, unlike SQLite, refuses to compare a bigint column with text, so such a value reaching
/// the SQL was a 500 there.
/// </summary>
[Trait("Engine", "Both")]
public sealed class CursorKindTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static string Cursor(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task AssertAnswers(HttpClient client, string url, string json, HttpStatusCode expected)
    {
        var response = await client.GetAsync($"{url}{(url.Contains('?') ? '&' : '?')}cursor={Cursor(json)}");
        Assert.True(expected == response.StatusCode, $"{url} with cursor {json}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [InlineData("[\"1\", \"2\"]")] // text where both keys are numbers
    [InlineData("[1, \"x\"]")]
    [InlineData("[1.5, 2]")]
    [InlineData("[1, 99999999999999999999]")] // past a bigint
    [InlineData("[null, 2]")]
    [InlineData("[true, 2]")]
    [InlineData("[[1], 2]")]
    [InlineData("[{\"a\": 1}, 2]")]
    public async Task An_order_list_cursor_of_the_wrong_kinds_is_a_400(string json)
    {
        var ev = await app.EventAsync();
        await AssertAnswers(ev.Organiser, $"/api/events/{ev.Slug}/orders", json, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_order_list_cursor_of_the_right_kinds_pages_even_when_it_matches_no_order()
    {
        var ev = await app.EventAsync();
        await AssertAnswers(ev.Organiser, $"/api/events/{ev.Slug}/orders", "[1, 9000000000000000000]", HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("title", "[5, 1]")] // a number where the list sorts by title
    [InlineData("title", "[\"talk\", \"1\"]")] // text where it sorts by id
    [InlineData("title", "[\"talk\", 1.5]")]
    [InlineData("updated", "[20261125, 1]")]
    [InlineData("state", "[\"submitted\", null, 1]")]
    [InlineData("type", "[\"1\", \"Talk\", \"talk\", 1]")]
    [InlineData(null, "[\"0\", \"2026-11-25\", 1]")]
    [InlineData(null, "[0, 20261125, 1]")]
    public async Task A_proposal_list_cursor_of_the_wrong_kinds_is_a_400(string? sort, string json)
    {
        var e = await CfpKit.CreateAsync(app, "kinds-" + Guid.NewGuid().ToString("N")[..8]);
        await AssertAnswers(e.Organiser, $"{e.Api}/proposals{(sort is null ? "" : "?sort=" + sort)}", json, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("title", "[\"zzz\", 1]")]
    [InlineData("type", "[1, \"Talk\", \"talk\", 1]")]
    [InlineData(null, "[0, \"2026-11-25T00:00:00Z\", 1]")]
    public async Task A_proposal_list_cursor_of_the_right_kinds_answers_a_page(string? sort, string json)
    {
        var e = await CfpKit.CreateAsync(app, "kinds-ok-" + Guid.NewGuid().ToString("N")[..8]);
        await AssertAnswers(e.Organiser, $"{e.Api}/proposals{(sort is null ? "" : "?sort=" + sort)}", json, HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("[\"1\"]", HttpStatusCode.BadRequest)]
    [InlineData("[1.5]", HttpStatusCode.BadRequest)]
    [InlineData("[null]", HttpStatusCode.BadRequest)]
    [InlineData("[99999999999999999999]", HttpStatusCode.BadRequest)]
    [InlineData("[1]", HttpStatusCode.OK)]
    public async Task An_inbox_cursor_is_one_whole_number(string json, HttpStatusCode expected)
    {
        var member = await app.CreateApiClientAsync($"kinds-{Guid.NewGuid():N}@example.org");
        await AssertAnswers(member, "/api/me/inbox", json, expected);
    }
}
