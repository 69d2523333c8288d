using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Tests.Features.Submissions;

/// <summary>Short access codes open a closed call, so an account that keeps guessing is slowed down.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class AccessCodeGuessingTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task After_ten_unknown_codes_an_account_is_refused_even_the_right_code_until_an_hour_has_passed()
    {
        var e = await CfpKit.CreateAsync(app, "guessing", closesIn: TimeSpan.FromHours(1));
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/cfp/access-codes", new { code = "K7X2P9", description = "late talk" })).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(2));
        var guesser = await app.CreateApiClientAsync("guesser@example.org");
        var honest = await app.CreateApiClientAsync("honest@example.org");

        for (var i = 0; i < AccessCodeGuesses.Limit; i++)
        {
            var miss = await guesser.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true, accessCode: $"GUESS{i}"));
            Assert.Contains("unknown, expired", string.Join(" ", (await miss.FieldErrorsAsync())["accessCode"]));
        }
        var blocked = await guesser.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true, accessCode: "K7X2P9"));
        Assert.Equal(HttpStatusCode.BadRequest, blocked.StatusCode);
        Assert.Contains("Too many unknown access codes", string.Join(" ", (await blocked.FieldErrorsAsync())["accessCode"]));

        // Another account is not slowed down by the guesser.
        Assert.Equal(HttpStatusCode.Created, (await honest.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true, accessCode: "k7x2p9"))).StatusCode);

        app.Clock.Advance(AccessCodeGuesses.Window);
        Assert.Equal(HttpStatusCode.Created, (await guesser.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true, accessCode: "K7X2P9"))).StatusCode);
    }
}
