using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Submissions;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed partial class ProposalPagesTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private static Dictionary<string, string> Form(CfpEvent e, string title, string @abstract, string action) => new()
    {
        ["Form.Title"] = title,
        ["Form.Abstract"] = @abstract,
        ["Form.Description"] = "Details.",
        ["Form.SessionTypeId"] = e.TalkId.ToString(),
        ["Form.DurationMinutes"] = "40",
        ["Form.Tracks[0]"] = e.TrackIds[2].ToString(),
        ["Form.Tracks[1]"] = "",
        ["Form.AudienceLevel"] = "beginner",
        ["Form.Language"] = "Bahasa Melayu",
        ["Form.Availability[0].Date"] = "2027-03-06",
        ["Form.Availability[0].From"] = "10:00",
        ["Form.Availability[0].To"] = "16:00",
        ["action"] = action,
    };

    private static long IdFrom(HttpResponseMessage redirect) =>
        long.Parse(ProposalId().Match(redirect.Headers.Location!.OriginalString).Groups[1].Value);

    [Fact]
    public async Task A_speaker_submits_through_the_form_and_sees_the_proposal_with_its_state()
    {
        var e = await CfpKit.CreateAsync(app, "pages-submit");
        await app.CreateUserAsync("page.speaker@example.org", "Page Speaker");
        var browser = await app.SignInAsync("page.speaker@example.org");

        var form = await browser.GetStringAsync($"/events/{e.Slug}/proposals/new");
        foreach (var label in new[] { ">Title (public)<", ">Abstract (public)<", ">Save draft<", ">Submit proposal<", ">Session type<", "First choice track" })
        {
            Assert.Contains(label, form);
        }

        var posted = await browser.PostFormAsync($"/events/{e.Slug}/proposals/new", Form(e, "Community radio with SDR", "Listening to the sky.", "submit"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await browser.GetStringAsync(posted.Headers.Location!.OriginalString);

        Assert.Contains("Community radio with SDR", page);
        Assert.Contains("Submitted", page);
        Assert.Contains(">Withdraw<", page);
        Assert.Contains(">Invite co-speaker<", page);
        await app.Mail.WaitForAsync("page.speaker@example.org", "Proposal received: Community radio with SDR");
        var mine = await browser.GetStringAsync($"/events/{e.Slug}/proposals/mine");
        Assert.Contains("Community radio with SDR", mine);
    }

    [Fact]
    public async Task Pasted_text_over_the_limit_is_refused_with_a_message_and_kept_not_cut_by_the_browser()
    {
        var e = await CfpKit.CreateAsync(app, "pages-long");
        await app.CreateUserAsync("long.speaker@example.org", "Long Speaker");
        var browser = await app.SignInAsync("long.speaker@example.org");

        var form = await (await browser.GetAsync($"/events/{e.Slug}/proposals/new")).HtmlAsync();
        foreach (var id in new[] { "Form_Title", "Form_Abstract", "Form_Description" })
        {
            var field = form.QuerySelector($"#{id}")!;
            Assert.Null(field.GetAttribute("maxlength")); // a browser would cut pasted text there without a word
            Assert.NotNull(field.GetAttribute("data-max-length"));
            Assert.NotNull(form.QuerySelector($"[data-count-for={id}]"));
        }

        Assert.NotNull(form.QuerySelector("script[src^='/js/char-count.js']")); // only where a counter is

        var longTitle = new string('t', 1_000);
        var refused = await browser.PostFormAsync($"/events/{e.Slug}/proposals/new", Form(e, longTitle, "Short.", "submit"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.HtmlAsync();
        Assert.Contains("at most", html.QuerySelector("[data-valmsg-for='Form.Title']")!.TextContent);
        Assert.Equal(longTitle, html.QuerySelector("#Form_Title")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Markdown_with_a_script_is_rendered_inert()
    {
        var e = await CfpKit.CreateAsync(app, "pages-xss");
        await app.CreateUserAsync("mallory@example.org");
        var browser = await app.SignInAsync("mallory@example.org");

        var posted = await browser.PostFormAsync($"/events/{e.Slug}/proposals/new", Form(e, "Harmless <b>title</b>",
            "<script>alert('pwned')</script>\n\n**bold** [click](javascript:alert(1)) <img src=x onerror=alert(2)>", "draft"));
        var page = await browser.GetStringAsync(posted.Headers.Location!.OriginalString);

        Assert.DoesNotContain("<script>alert", page);
        Assert.DoesNotContain("javascript:alert", page);
        Assert.DoesNotContain("<img src=\"x\" onerror", page);
        Assert.DoesNotContain("<b>title</b>", page);
        Assert.Contains("<strong>bold</strong>", page);
        Assert.Contains("&lt;script&gt;", page);
    }

    [Fact]
    public async Task Another_speaker_gets_not_found_on_the_pages_of_a_proposal()
    {
        var e = await CfpKit.CreateAsync(app, "pages-privacy");
        await app.CreateUserAsync("first.page@example.org");
        await app.CreateUserAsync("second.page@example.org");
        var owner = await app.SignInAsync("first.page@example.org");
        var other = await app.SignInAsync("second.page@example.org");
        var posted = await owner.PostFormAsync($"/events/{e.Slug}/proposals/new", Form(e, "Private draft", "Mine.", "draft"));
        var id = IdFrom(posted);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/events/{e.Slug}/proposals/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/events/{e.Slug}/proposals/{id}/edit")).StatusCode);
        var newPage = $"/events/{e.Slug}/proposals/new";
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/events/{e.Slug}/proposals/{id}/edit", Form(e, "Stolen", "x", "draft"), newPage)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/events/{e.Slug}/proposals/{id}?handler=Withdraw", [], newPage)).StatusCode);
        Assert.DoesNotContain("Private draft", await other.GetStringAsync($"/events/{e.Slug}/proposals/mine"));
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync($"/events/{e.Slug}/cfp/settings")).StatusCode); // to access denied

        var still = await owner.GetStringAsync($"/events/{e.Slug}/proposals/{id}");
        Assert.Contains("Private draft", still);
        Assert.Contains("Draft", still);
    }

    [Fact]
    public async Task The_form_refuses_a_late_submission_naming_the_deadline_in_the_event_zone()
    {
        var e = await CfpKit.CreateAsync(app, "pages-late", closesIn: TimeSpan.FromMinutes(30));
        await app.CreateUserAsync("slow@example.org");
        var browser = await app.SignInAsync("slow@example.org");
        app.Clock.Advance(TimeSpan.FromHours(1));

        var response = await browser.PostFormAsync($"/events/{e.Slug}/proposals/new", Form(e, "Too late", "Sorry.", "submit"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(CfpKit.Describe(e.ClosesAt), html);
    }

    [Fact]
    public async Task A_required_question_on_the_form_must_be_answered_to_submit()
    {
        var e = await CfpKit.CreateAsync(app, "pages-question");
        var question = await (await e.Organiser.PostAsJsonAsync($"{e.Api}/cfp/questions", new
        {
            target = "proposal", kind = "multiple_choice", prompt = "Which devices will you bring?", options = new[] { "Laptop", "Radio", "Antenna" }, isRequired = true,
        })).Content.ReadFromJsonAsync<IdOnly>();
        await app.CreateUserAsync("answerer@example.org");
        var browser = await app.SignInAsync("answerer@example.org");

        var refused = await browser.PostFormAsync($"/events/{e.Slug}/proposals/new", Form(e, "Antenna building", "Build one.", "submit"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("is required", await refused.Content.ReadAsStringAsync());

        var page = await browser.GetStringAsync($"/events/{e.Slug}/proposals/new");
        var token = FormPosting.AntiforgeryFrom(page);
        var fields = Form(e, "Antenna building", "Build one.", "submit").Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value)).ToList();
        fields.Add(new($"answer-{question!.Id}", "Radio"));
        fields.Add(new($"answer-{question.Id}", "Antenna"));
        fields.Add(new("__RequestVerificationToken", token));
        var accepted = await browser.PostAsync($"/events/{e.Slug}/proposals/new", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var proposal = await browser.GetStringAsync(accepted.Headers.Location!.OriginalString);
        Assert.Contains("Submitted", proposal);
    }

    [Fact]
    public async Task The_public_cfp_page_shows_the_deadline_in_the_event_zone_with_a_countdown()
    {
        var e = await CfpKit.CreateAsync(app, "pages-public", closesIn: TimeSpan.FromDays(2) + TimeSpan.FromHours(3));

        var html = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync($"/events/{e.Slug}/cfp"));

        Assert.Contains(CfpKit.Describe(e.ClosesAt), html);
        Assert.Contains("2 days", html);
        Assert.Contains("<strong>free software</strong>", html);
        Assert.Contains("Submit a proposal", html);
    }

    [Fact]
    public async Task An_organiser_sets_up_the_call_on_the_settings_page()
    {
        var e = await CfpKit.CreateAsync(app, "pages-settings");
        var browser = await app.SignInAsync($"org-{e.Slug}@example.org");

        var page = await browser.GetStringAsync($"/events/{e.Slug}/cfp/settings");
        Assert.Contains("Lightning talk", page);

        var added = await browser.PostFormAsync($"/events/{e.Slug}/cfp/settings?handler=Type",
            new() { ["Type.Name"] = "Panel", ["Type.Durations"] = "50, 60", ["Type.MaxSpeakers"] = "5" }, $"/events/{e.Slug}/cfp/settings");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var code = await browser.PostFormAsync($"/events/{e.Slug}/cfp/settings?handler=Code",
            new() { ["Code.Code"] = "INVITED-KEYNOTE", ["Code.Description"] = "Keynote speakers", ["Code.MaxUses"] = "3" }, $"/events/{e.Slug}/cfp/settings");
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        var badDate = await browser.PostFormAsync($"/events/{e.Slug}/cfp/settings?handler=Settings",
            new() { ["Settings.OpensAt"] = "2026-12-01T09:00", ["Settings.ClosesAt"] = "2026-11-01T09:00" }, $"/events/{e.Slug}/cfp/settings");
        Assert.Contains("must close after it opens", await badDate.Content.ReadAsStringAsync());

        var after = await browser.GetStringAsync($"/events/{e.Slug}/cfp/settings");
        Assert.Contains("Panel", after);
        Assert.Contains("INVITED-KEYNOTE", after);
    }

    private sealed record IdOnly(long Id);

    [GeneratedRegex(@"/proposals/(\d+)")]
    private static partial Regex ProposalId();
}
