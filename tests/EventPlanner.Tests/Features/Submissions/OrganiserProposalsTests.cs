using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Submissions;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Submissions;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class OrganiserProposalsTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private async Task<List<ProposalListItem>> ListAsync(CfpEvent e, string query = "") =>
        (await e.Organiser.GetFromJsonAsync<List<ProposalListItem>>($"{e.Api}/proposals{query}"))!;

    private async Task SetStateAsync(long id, string state) =>
        await app.Services.GetRequiredService<Db>().WriteAsync((c, tx) => c.ExecuteAsync("UPDATE proposals SET state = @state WHERE id = @id", new { id, state }, tx));

    [Fact]
    public async Task The_list_filters_by_state_type_track_tag_language_and_co_speaker_and_leaves_drafts_out()
    {
        var e = await CfpKit.CreateAsync(app, "org-filters");
        var a = await app.CreateApiClientAsync("fa@example.org");
        var b = await app.CreateApiClientAsync("fb@example.org");
        var kernel = await (await a.PostAsJsonAsync($"{e.Api}/proposals", new
        {
            title = "Scheduler internals", @abstract = "CFS and EEVDF.", sessionTypeId = e.TalkId, durationMinutes = 40, trackIds = new[] { e.TrackIds[0] },
            language = "English", submit = true,
        })).ReadProposalAsync();
        var web = await (await b.PostAsJsonAsync($"{e.Api}/proposals", new
        {
            title = "HTMX for everyone", @abstract = "Less JavaScript.", sessionTypeId = e.TalkId, durationMinutes = 25, trackIds = new[] { e.TrackIds[1] },
            language = "Bahasa Melayu", submit = true,
        })).ReadProposalAsync();
        await (await b.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: "Unfinished draft"))).ReadProposalAsync();
        var co = await app.CreateApiClientAsync("fc@example.org");
        await a.PostAsJsonAsync($"{e.Api}/proposals/{kernel.Id}/co-speakers", new { email = "fc@example.org" });
        var token = System.Text.RegularExpressions.Regex.Match((await app.Mail.WaitForAsync("fc@example.org", "co-present")).TextBody, "token=([^\\s]+)").Groups[1].Value;
        (await co.PostAsJsonAsync("/api/co-speaker-invitations/accept", new { token = Uri.UnescapeDataString(token) })).EnsureSuccessStatusCode();
        (await e.Organiser.PutAsJsonAsync($"{e.Api}/proposals/{web.Id}/tags", new { tags = new[] { "Frontend", "beginner-friendly" } })).EnsureSuccessStatusCode();
        await SetStateAsync(web.Id, "shortlisted");

        Assert.Equal(2, (await ListAsync(e)).Count);
        Assert.Equal(["Unfinished draft"], (await ListAsync(e, "?state=draft")).Select(p => p.Title));
        Assert.Equal(["HTMX for everyone"], (await ListAsync(e, "?state=shortlisted")).Select(p => p.Title));
        Assert.Equal(["Scheduler internals"], (await ListAsync(e, $"?track={e.TrackIds[0]}")).Select(p => p.Title));
        Assert.Equal(["HTMX for everyone"], (await ListAsync(e, "?tag=frontend")).Select(p => p.Title));
        Assert.Equal(["HTMX for everyone"], (await ListAsync(e, "?language=bahasa%20melayu")).Select(p => p.Title));
        Assert.Equal(["Scheduler internals"], (await ListAsync(e, "?hasCoSpeaker=true")).Select(p => p.Title));
        Assert.Equal(["HTMX for everyone"], (await ListAsync(e, "?hasCoSpeaker=false")).Select(p => p.Title));
        Assert.Equal(2, (await ListAsync(e, $"?type={e.TalkId}")).Count);
        Assert.Equal(["HTMX for everyone", "Scheduler internals"], (await ListAsync(e, "?sort=title")).Select(p => p.Title));
        Assert.Equal(2, Assert.Single(await ListAsync(e, "?hasCoSpeaker=true")).Speakers.Count);
    }

    [Fact]
    public async Task Full_text_search_follows_edits_and_survives_search_syntax()
    {
        var e = await CfpKit.CreateAsync(app, "org-search");
        var speaker = await app.CreateApiClientAsync("searcher@example.org");
        var p = await (await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: "Reproducible builds", submit: true))).ReadProposalAsync();
        await (await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: "Café culture and Wi-Fi", submit: true))).ReadProposalAsync();

        Assert.Equal(["Reproducible builds"], (await ListAsync(e, "?q=reproduc")).Select(x => x.Title));
        Assert.Equal(["Café culture and Wi-Fi"], (await ListAsync(e, "?q=cafe")).Select(x => x.Title));
        Assert.Equal(2, (await ListAsync(e, "?q=crates")).Count); // both abstracts mention crates
        Assert.Equal(2, (await ListAsync(e, "?q=searcher")).Count); // the speaker's name

        var edit = CfpKit.Proposal(e, title: "Reproducible builds");
        await (await speaker.PutAsJsonAsync($"{e.Api}/proposals/{p.Id}", new Dictionary<string, object?>
        {
            ["title"] = "Reproducible builds", ["abstract"] = "Bit for bit identical Debian packages.", ["sessionTypeId"] = e.TalkId, ["durationMinutes"] = 25,
        })).ReadProposalAsync();
        Assert.Equal(["Café culture and Wi-Fi"], (await ListAsync(e, "?q=crates")).Select(x => x.Title));
        Assert.Equal(["Reproducible builds"], (await ListAsync(e, "?q=identical")).Select(x => x.Title));

        foreach (var nasty in new[] { "\"", "AND OR NOT", "title:(x", "*", "NEAR(a b)", "'; DROP TABLE proposals; --" })
        {
            var response = await e.Organiser.GetAsync($"{e.Api}/proposals?q={Uri.EscapeDataString(nasty)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.NotNull(edit);
    }

    [Fact]
    public async Task The_csv_export_holds_what_the_filters_show_and_defuses_formulas()
    {
        var e = await CfpKit.CreateAsync(app, "org-csv");
        var speaker = await app.CreateApiClientAsync("csv@example.org");
        await (await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: "=HYPERLINK(\"http://evil\",\"x\")", submit: true))).ReadProposalAsync();
        await (await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: "Plain, with a comma", submit: true))).ReadProposalAsync();

        var all = await e.Organiser.GetStringAsync($"{e.Api}/proposals/export.csv");
        var filtered = await e.Organiser.GetStringAsync($"{e.Api}/proposals/export.csv?q=plain");
        var page = await (await app.SignInAsync($"org-{e.Slug}@example.org")).GetAsync($"/events/{e.Slug}/proposals?handler=Csv&q=plain");

        Assert.Equal(3, all.Trim().Split("\r\n").Length);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", all);
        Assert.Equal(2, filtered.Trim().Split("\r\n").Length);
        Assert.Contains("\"Plain, with a comma\"", filtered);
        Assert.Equal("text/csv", page.Content.Headers.ContentType!.MediaType);
        Assert.Equal(filtered, await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_organiser_edit_ignores_the_deadline_notifies_the_speakers_and_shows_in_the_history_diff()
    {
        var e = await CfpKit.CreateAsync(app, "org-edit", closesIn: TimeSpan.FromHours(1));
        var speaker = await app.CreateApiClientAsync("edited@example.org");
        var p = await (await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: "Rust in the kernel", submit: true))).ReadProposalAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));

        var speakerEdit = await speaker.PutAsJsonAsync($"{e.Api}/proposals/{p.Id}", CfpKit.Proposal(e, title: "Too late to change"));
        Assert.Equal(HttpStatusCode.BadRequest, speakerEdit.StatusCode);

        var edited = await (await e.Organiser.PutAsJsonAsync($"{e.Api}/proposals/{p.Id}/organiser", CfpKit.Proposal(e, title: "Rust in the Linux kernel"))).ReadProposalAsync();
        Assert.Equal("Rust in the Linux kernel", edited.Title);
        Assert.Equal("submitted", edited.State);
        Assert.Contains("Rust in the Linux kernel", (await app.Mail.WaitForAsync("edited@example.org", "edited your proposal")).Subject);

        var history = await e.Organiser.GetFromJsonAsync<List<VersionResponse>>($"{e.Api}/proposals/{p.Id}/history");
        var last = history!.Last();
        Assert.Equal("organiser_edit", last.Change);
        Assert.Contains(last.TitleDiff, d => d.Kind == DiffKind.Added && d.Text.Contains("Linux"));
        Assert.Equal(["submitted", "organiser_edit"], history!.Select(v => v.Change));

        var browser = await app.SignInAsync($"org-{e.Slug}@example.org");
        var page = await browser.GetStringAsync($"/events/{e.Slug}/proposals/{p.Id}/manage");
        Assert.Contains("<ins>Linux </ins>", page);
        Assert.Contains("edited@example.org", page);
        var list = await browser.GetStringAsync($"/events/{e.Slug}/proposals");
        Assert.Contains("Rust in the Linux kernel", list);
    }

    [Fact]
    public async Task Speakers_see_only_the_released_state_and_cannot_withdraw_a_confirmed_proposal()
    {
        var e = await CfpKit.CreateAsync(app, "org-released");
        var speaker = await app.CreateApiClientAsync("released@example.org");
        var p = await (await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true))).ReadProposalAsync();

        await SetStateAsync(p.Id, "rejected");
        Assert.Equal("submitted", (await (await speaker.GetAsync($"{e.Api}/proposals/{p.Id}")).ReadProposalAsync()).State);
        var full = await (await e.Organiser.GetAsync($"{e.Api}/proposals/{p.Id}/organiser")).ReadProposalAsync();
        Assert.Equal("rejected", full.State);
        Assert.Equal("submitted", full.ReleasedState);
        Assert.Equal(HttpStatusCode.Forbidden, (await speaker.GetAsync($"{e.Api}/proposals/{p.Id}/organiser")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await speaker.GetAsync($"{e.Api}/proposals")).StatusCode);

        await SetStateAsync(p.Id, "confirmed");
        var withdraw = await speaker.PostAsync($"{e.Api}/proposals/{p.Id}/withdraw", null);
        Assert.Equal(HttpStatusCode.BadRequest, withdraw.StatusCode);
        Assert.Contains("accepted and confirmed", await withdraw.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_word_diff_marks_what_was_added_and_removed()
    {
        var parts = TextDiff.Words("Packaging Rust for Debian", "Packaging Rust crates for Debian and Ubuntu");
        Assert.Equal("Packaging Rust crates for Debian and Ubuntu", string.Concat(parts.Where(p => p.Kind != DiffKind.Removed).Select(p => p.Text)));
        Assert.Equal("Packaging Rust for Debian", string.Concat(parts.Where(p => p.Kind != DiffKind.Added).Select(p => p.Text)));
        Assert.Contains(parts, p => p.Kind == DiffKind.Added && p.Text == "crates ");
        Assert.False(TextDiff.Changed(TextDiff.Words("same words", "same words")));
    }
}
