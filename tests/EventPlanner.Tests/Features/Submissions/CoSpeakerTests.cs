using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Tests.Features.Submissions;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed partial class CoSpeakerTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private async Task<string> InviteAsync(CfpEvent e, HttpClient speaker, long proposalId, string email)
    {
        var response = await speaker.PostAsJsonAsync($"{e.Api}/proposals/{proposalId}/co-speakers", new { email });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var mail = await app.Mail.WaitForAsync(email, "co-present");
        return Token().Match(mail.TextBody).Groups[1].Value;
    }

    [Fact]
    public async Task An_invited_co_speaker_accepts_then_edits_and_both_speakers_get_the_receipt()
    {
        var e = await CfpKit.CreateAsync(app, "cosp-accept");
        var main = await app.CreateApiClientAsync("main@example.org");
        var co = await app.CreateApiClientAsync("co@example.org");
        var draft = await (await main.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e))).ReadProposalAsync();

        var token = await InviteAsync(e, main, draft.Id, "co@example.org");
        Assert.True(token.Length >= 40, "the invitation link must carry a long random token");
        Assert.Equal(HttpStatusCode.NotFound, (await co.GetAsync($"{e.Api}/proposals/{draft.Id}")).StatusCode);

        var accepted = await co.PostAsJsonAsync("/api/co-speaker-invitations/accept", new { token });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        var edited = await (await co.PutAsJsonAsync($"{e.Api}/proposals/{draft.Id}", CfpKit.Proposal(e, title: "Written together", submit: true))).ReadProposalAsync();
        Assert.Equal(2, edited.Speakers.Count);
        Assert.Equal("submitted", edited.State);
        await app.Mail.WaitForAsync("main@example.org", "Proposal received: Written together");
        await app.Mail.WaitForAsync("co@example.org", "Proposal received: Written together");

        var again = await co.PostAsJsonAsync("/api/co-speaker-invitations/accept", new { token });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already been used", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_declined_invitation_adds_nobody_and_cannot_be_accepted_afterwards()
    {
        var e = await CfpKit.CreateAsync(app, "cosp-decline");
        var main = await app.CreateApiClientAsync("main2@example.org");
        var co = await app.CreateApiClientAsync("co2@example.org");
        var draft = await (await main.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e))).ReadProposalAsync();
        var token = await InviteAsync(e, main, draft.Id, "co2@example.org");

        Assert.Equal(HttpStatusCode.OK, (await co.PostAsJsonAsync("/api/co-speaker-invitations/decline", new { token })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await co.PostAsJsonAsync("/api/co-speaker-invitations/accept", new { token })).StatusCode);

        var proposal = await (await main.GetAsync($"{e.Api}/proposals/{draft.Id}")).ReadProposalAsync();
        Assert.Single(proposal.Speakers);
        Assert.Equal("declined", Assert.Single(proposal.Invitations).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await co.GetAsync($"{e.Api}/proposals/{draft.Id}")).StatusCode);
    }

    [Fact]
    public async Task An_expired_invitation_is_refused()
    {
        var e = await CfpKit.CreateAsync(app, "cosp-expiry", closesIn: TimeSpan.FromDays(30));
        var main = await app.CreateApiClientAsync("main3@example.org");
        var co = await app.CreateApiClientAsync("co3@example.org");
        var draft = await (await main.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e))).ReadProposalAsync();
        var token = await InviteAsync(e, main, draft.Id, "co3@example.org");

        app.Clock.Advance(CoSpeakerStore.Lifetime + TimeSpan.FromMinutes(1));
        var response = await co.PostAsJsonAsync("/api/co-speaker-invitations/accept", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
        Assert.Single((await (await main.GetAsync($"{e.Api}/proposals/{draft.Id}")).ReadProposalAsync()).Speakers);
    }

    [Fact]
    public async Task The_link_works_only_for_the_invited_address_and_stays_usable_for_them()
    {
        var e = await CfpKit.CreateAsync(app, "cosp-wrong");
        var main = await app.CreateApiClientAsync("main4@example.org");
        var intruder = await app.CreateApiClientAsync("intruder@example.org");
        var draft = await (await main.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e))).ReadProposalAsync();
        var token = await InviteAsync(e, main, draft.Id, "Invited.Person@example.org");

        var wrong = await intruder.PostAsJsonAsync("/api/co-speaker-invitations/accept", new { token });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("This invitation is for Invited.Person@example.org", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"{e.Api}/proposals/{draft.Id}")).StatusCode);

        // The invitee registers later with the same address in another case: the link still works for them.
        var invitee = await app.CreateApiClientAsync("invited.person@example.org");
        Assert.Equal(HttpStatusCode.OK, (await invitee.PostAsJsonAsync("/api/co-speaker-invitations/accept", new { token })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync($"{e.Api}/proposals/{draft.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_session_type_caps_speakers_counting_pending_invitations()
    {
        var e = await CfpKit.CreateAsync(app, "cosp-cap");
        var main = await app.CreateApiClientAsync("main5@example.org");
        var draft = await (await main.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e))).ReadProposalAsync(); // Talk: 2 speakers
        await InviteAsync(e, main, draft.Id, "first@example.org");

        var third = await main.PostAsJsonAsync($"{e.Api}/proposals/{draft.Id}/co-speakers", new { email = "second@example.org" });

        Assert.Equal(HttpStatusCode.BadRequest, third.StatusCode);
        Assert.Contains("at most 2 speakers", await third.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_proposal_is_copied_as_a_draft_into_another_open_call()
    {
        var first = await CfpKit.CreateAsync(app, "copy-from");
        var second = await CfpKit.CreateAsync(app, "copy-to");
        var speaker = await app.CreateApiClientAsync("copier@example.org");
        var submitted = await (await speaker.PostAsJsonAsync($"{first.Api}/proposals", CfpKit.Proposal(first, submit: true))).ReadProposalAsync();

        var copy = await (await speaker.PostAsJsonAsync($"{first.Api}/proposals/{submitted.Id}/copy", new { targetEvent = "copy-to" })).ReadProposalAsync();

        Assert.Equal("copy-to", copy.Event);
        Assert.Equal("draft", copy.State);
        Assert.Equal(submitted.Title, copy.Title);
        Assert.Equal(second.TalkId, copy.SessionTypeId);
        Assert.Equal(["Web", "Kernel"], copy.Tracks.OrderBy(t => t.Preference).Select(t => t.Name));
        Assert.Contains((await speaker.GetFromJsonAsync<List<MyProposalResponse>>($"{second.Api}/proposals/mine"))!, p => p.Id == copy.Id);
    }

    [GeneratedRegex("token=([A-Za-z0-9_%\\-]+)")]
    private static partial Regex Token();
}
