using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Notifications;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Tests.Features.Submissions;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ProposalLifecycleTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task A_speaker_saves_a_draft_submits_edits_and_withdraws_it()
    {
        var e = await CfpKit.CreateAsync(app, "lifecycle");
        var speaker = await app.CreateApiClientAsync("lin@example.org");

        var draft = await (await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e))).ReadProposalAsync();
        Assert.Equal("draft", draft.State);
        Assert.Equal([e.TrackIds[1], e.TrackIds[0]], draft.Tracks.OrderBy(t => t.Preference).Select(t => t.Id));
        Assert.Empty(await app.OutboxAsync($"proposal-submitted:{draft.Id}:")); // a draft tells nobody

        var submitted = await (await speaker.PostAsync($"{e.Api}/proposals/{draft.Id}/submit", null)).ReadProposalAsync();
        Assert.Equal("submitted", submitted.State);
        Assert.Contains("Packaging Rust for Debian", (await app.Mail.WaitForAsync("lin@example.org", "Proposal received")).Subject);

        var edited = await (await speaker.PutAsJsonAsync($"{e.Api}/proposals/{draft.Id}", CfpKit.Proposal(e, title: "Packaging Rust crates for Debian"))).ReadProposalAsync();
        Assert.Equal("Packaging Rust crates for Debian", edited.Title);
        Assert.Equal("submitted", edited.State);
        Assert.True(edited.Version > submitted.Version);

        var withdrawn = await (await speaker.PostAsync($"{e.Api}/proposals/{draft.Id}/withdraw", null)).ReadProposalAsync();
        Assert.Equal("withdrawn", withdrawn.State);

        var editAfter = await speaker.PutAsJsonAsync($"{e.Api}/proposals/{draft.Id}", CfpKit.Proposal(e, title: "Again"));
        Assert.Equal(HttpStatusCode.BadRequest, editAfter.StatusCode);
        var mine = await speaker.GetFromJsonAsync<List<MyProposalResponse>>($"{e.Api}/proposals/mine");
        Assert.Equal("withdrawn", Assert.Single(mine!).State);
    }

    [Fact]
    public async Task A_submission_one_second_before_the_deadline_lands_and_one_second_after_is_refused_naming_the_deadline()
    {
        var e = await CfpKit.CreateAsync(app, "deadline", closesIn: TimeSpan.FromHours(5));
        var early = await app.CreateApiClientAsync("early@example.org");
        var late = await app.CreateApiClientAsync("late@example.org");

        app.Clock.SetUtcNow(e.ClosesAt.AddSeconds(-1));
        var accepted = await early.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);

        app.Clock.SetUtcNow(e.ClosesAt.AddSeconds(1));
        var refused = await late.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        // The deadline is named in the event's zone (UTC+8), not in UTC.
        Assert.Contains(CfpKit.Describe(e.ClosesAt), body);
        Assert.Contains(e.ClosesAt.ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm"), body);
        Assert.Contains("Asia/Kuala_Lumpur", body);
        Assert.Empty((await late.GetFromJsonAsync<List<MyProposalResponse>>($"{e.Api}/proposals/mine"))!);
    }

    [Fact]
    public async Task After_the_deadline_an_access_code_typed_in_any_case_lets_a_proposal_in_until_it_is_used_up()
    {
        var e = await CfpKit.CreateAsync(app, "latecode", closesIn: TimeSpan.FromHours(1));
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/cfp/access-codes", new { code = "Late-Kernel-7", description = "for Ana", maxUses = 1 }))
            .EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(2));
        var ana = await app.CreateApiClientAsync("ana.late@example.org");
        var bo = await app.CreateApiClientAsync("bo.late@example.org");

        var without = await ana.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true));
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);

        var with = await (await ana.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true, accessCode: "late-kernel-7"))).ReadProposalAsync();
        Assert.Equal("submitted", with.State);

        var second = await bo.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true, accessCode: "LATE-KERNEL-7"));
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        var codes = await e.Organiser.GetFromJsonAsync<List<AccessCodeResponse>>($"{e.Api}/cfp/access-codes");
        Assert.Equal(1, Assert.Single(codes!).Uses);
    }

    [Fact]
    public async Task A_type_accepting_late_submissions_takes_them_after_the_deadline_and_marks_them_late()
    {
        var e = await CfpKit.CreateAsync(app, "latetype", closesIn: TimeSpan.FromHours(1));
        var types = await e.Organiser.GetFromJsonAsync<List<SessionTypeResponse>>($"{e.Api}/cfp/session-types");
        var lightning = types!.Single(t => t.Name == "Lightning talk");
        (await e.Organiser.PutAsJsonAsync($"{e.Api}/cfp/session-types/{lightning.Id}", new
        {
            name = "Lightning talk", durations = new[] { 5 }, acceptsLate = true, maxSpeakers = 1,
        })).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(2));
        var speaker = await app.CreateApiClientAsync("flash@example.org");

        var proposal = new Dictionary<string, object?>
        {
            ["title"] = "Five minutes of Guix", ["abstract"] = "Quick.", ["sessionTypeId"] = lightning.Id, ["durationMinutes"] = 5, ["submit"] = true,
        };
        var landed = await (await speaker.PostAsJsonAsync($"{e.Api}/proposals", proposal)).ReadProposalAsync();

        Assert.Equal("submitted", landed.State);
        Assert.True(landed.SubmittedLate);
        var talk = await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true));
        Assert.Equal(HttpStatusCode.BadRequest, talk.StatusCode);
    }

    [Fact]
    public async Task A_session_type_with_its_own_later_deadline_stays_open_after_the_main_one()
    {
        var e = await CfpKit.CreateAsync(app, "typedeadline", closesIn: TimeSpan.FromHours(1));
        var types = await e.Organiser.GetFromJsonAsync<List<SessionTypeResponse>>($"{e.Api}/cfp/session-types");
        var bof = types!.Single(t => t.Name == "BoF");
        var bofCloses = e.ClosesAt.AddDays(2);
        (await e.Organiser.PutAsJsonAsync($"{e.Api}/cfp/session-types/{bof.Id}", new
        {
            name = "BoF", durations = new[] { 45 }, closesAt = CfpKit.Local(bofCloses), maxSpeakers = 3,
        })).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(3));
        var speaker = await app.CreateApiClientAsync("bof@example.org");

        var response = await speaker.PostAsJsonAsync($"{e.Api}/proposals", new
        {
            title = "Matrix users meet", @abstract = "Let us talk.", sessionTypeId = bof.Id, durationMinutes = 45, submit = true,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Required_questions_block_submission_but_not_a_draft()
    {
        var e = await CfpKit.CreateAsync(app, "questions");
        var q1 = await (await e.Organiser.PostAsJsonAsync($"{e.Api}/cfp/questions", new
        {
            target = "proposal", kind = "single_choice", prompt = "Is this your first talk?", options = new[] { "Yes", "No" }, isRequired = true,
        })).Content.ReadFromJsonAsync<QuestionResponse>();
        var q2 = await (await e.Organiser.PostAsJsonAsync($"{e.Api}/cfp/questions", new
        {
            target = "speaker", kind = "short_text", prompt = "T-shirt size", isRequired = true,
        })).Content.ReadFromJsonAsync<QuestionResponse>();
        var onlyKernel = await (await e.Organiser.PostAsJsonAsync($"{e.Api}/cfp/questions", new
        {
            target = "proposal", kind = "yes_no", prompt = "Does it need real hardware?", isRequired = true, trackIds = new[] { e.TrackIds[2] },
        })).Content.ReadFromJsonAsync<QuestionResponse>();
        var speaker = await app.CreateApiClientAsync("asker@example.org");

        var refused = await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Is this your first talk?", body);
        Assert.Contains("T-shirt size", body);
        Assert.DoesNotContain("real hardware", body); // limited to a track this proposal does not target

        var wrongChoice = await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true,
            answers: [new { questionId = q1!.Id, value = "Maybe" }, new { questionId = q2!.Id, value = "L" }]));
        Assert.Equal(HttpStatusCode.BadRequest, wrongChoice.StatusCode);

        var draft = await (await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e))).ReadProposalAsync();
        Assert.Equal("draft", draft.State);
        var stillRefused = await speaker.PostAsync($"{e.Api}/proposals/{draft.Id}/submit", null);
        Assert.Equal(HttpStatusCode.BadRequest, stillRefused.StatusCode);

        var answered = await (await speaker.PutAsJsonAsync($"{e.Api}/proposals/{draft.Id}", CfpKit.Proposal(e, submit: true,
            answers: [new { questionId = q1.Id, value = "Yes" }, new { questionId = q2.Id, value = "L" }]))).ReadProposalAsync();
        Assert.Equal("submitted", answered.State);
        Assert.Equal("Yes", Assert.Single(answered.Answers).Value);
        Assert.NotNull(onlyKernel);
    }

    [Fact]
    public async Task Field_limits_are_refused_with_a_message_that_says_so()
    {
        var e = await CfpKit.CreateAsync(app, "limits");
        var speaker = await app.CreateApiClientAsync("long@example.org");

        var response = await speaker.PostAsJsonAsync($"{e.Api}/proposals", new { title = new string('x', 151), sessionTypeId = e.TalkId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Title must be at most 150 characters (it has 151)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_speaker_cannot_read_edit_submit_or_withdraw_a_proposal_through_the_api()
    {
        var e = await CfpKit.CreateAsync(app, "privacy");
        var owner = await app.CreateApiClientAsync("owner@example.org");
        var other = await app.CreateApiClientAsync("other@example.org");
        var draft = await (await owner.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e))).ReadProposalAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{e.Api}/proposals/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"{e.Api}/proposals/{draft.Id}", CfpKit.Proposal(e, title: "Mine now"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"{e.Api}/proposals/{draft.Id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"{e.Api}/proposals/{draft.Id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"{e.Api}/proposals/{draft.Id}")).StatusCode);

        var still = await (await owner.GetAsync($"{e.Api}/proposals/{draft.Id}")).ReadProposalAsync();
        Assert.Equal("Packaging Rust for Debian", still.Title);
        Assert.Equal("draft", still.State);
    }

    [Fact]
    public async Task The_public_cfp_shows_the_deadline_in_the_event_zone_and_hides_hidden_types()
    {
        var e = await CfpKit.CreateAsync(app, "publiccfp");
        var types = await e.Organiser.GetFromJsonAsync<List<SessionTypeResponse>>($"{e.Api}/cfp/session-types");
        var keynote = types!.Single(t => t.Name == "Keynote");
        (await e.Organiser.PutAsJsonAsync($"{e.Api}/cfp/session-types/{keynote.Id}", new { name = "Keynote", durations = new[] { 45 }, isHidden = true, maxSpeakers = 1 }))
            .EnsureSuccessStatusCode();

        var cfp = await app.CreateClient().GetFromJsonAsync<CfpResponse>($"{e.Api}/cfp");

        Assert.True(cfp!.IsOpen);
        Assert.Equal(CfpKit.Local(e.ClosesAt), cfp.ClosesAtLocal);
        Assert.DoesNotContain(cfp.SessionTypes, t => t.Name == "Keynote");
        Assert.Contains(cfp.SessionTypes, t => t.Name == "Talk");
    }
}
