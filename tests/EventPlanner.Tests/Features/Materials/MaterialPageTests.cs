using System.Net;
using System.Net.Http.Headers;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Materials;

/// <summary>The materials page (no JavaScript): the same rules as the API, messages on the page, nothing saved when refused.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class MaterialPageTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task A_speaker_adds_slides_and_a_link_from_the_page_and_bad_input_is_shown_not_saved()
    {
        var m = await MaterialKit.CreateAsync(app, "mat-page");
        var browser = await app.SignInAsync(m.SpeakerEmail);
        var url = $"/events/{m.Slug}/sessions/{m.TalkId}/materials";
        // The session page offers the way there to its speaker only.
        Assert.Contains(url, await browser.GetStringAsync($"/events/{m.Slug}/sessions/{m.TalkId}"));
        Assert.DoesNotContain($"/sessions/{m.OtherTalkId}/materials", await browser.GetStringAsync($"/events/{m.Slug}/sessions/{m.OtherTalkId}"));

        var refused = await browser.PostFormAsync($"{url}?handler=Link", new() { ["Link.Kind"] = "recording", ["Link.Url"] = "javascript:alert(1)", ["Link.Title"] = "" }, url);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("must be a web address starting with https://", await refused.Content.ReadAsStringAsync());
        Assert.Empty(await app.CreateClient().ListAsync(m.Api));

        var added = await browser.PostFormAsync($"{url}?handler=Link", new() { ["Link.Kind"] = "recording", ["Link.Url"] = "https://media.example.org/v/page", ["Link.Title"] = "" }, url);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var token = FormPosting.AntiforgeryFrom(await browser.GetStringAsync(url));
        var renamed = await browser.PostAsync($"{url}?handler=Upload", Upload(token, System.Text.Encoding.UTF8.GetBytes("MZ not slides"), "slides.pdf"));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Contains("these bytes are none of those", await renamed.Content.ReadAsStringAsync());
        var uploaded = await browser.PostAsync($"{url}?handler=Upload", Upload(token, MaterialKit.Pdf(), "slides.pdf"));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);

        var list = await app.CreateClient().ListAsync(m.Api);
        Assert.Equal(["recording", "slides"], list.Select(x => x.Kind).Order());
        var page = await app.CreateClient().GetStringAsync($"/events/{m.Slug}/sessions/{m.TalkId}");
        Assert.Contains(list.Single(x => x.IsFile).Href, page);

        // Another session's speaker may not open it; removing works for the speaker.
        var other = await app.SignInAsync(m.OtherSpeakerEmail);
        var denied = await other.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/access-denied", denied.Headers.Location!.ToString());
        var remove = await browser.PostFormAsync($"{url}?handler=Remove&materialId={list[0].Id}", new(), url);
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.Single(await app.CreateClient().ListAsync(m.Api));
    }

    [Fact]
    public async Task Organisers_set_the_gallery_from_a_page_and_the_event_page_lists_it()
    {
        var m = await MaterialKit.CreateAsync(app, "mat-gallery");
        var organiser = await app.SignInAsync($"org-{m.Slug}@example.org");
        var url = $"/events/{m.Slug}/gallery/manage";

        var refused = await organiser.PostFormAsync(url, new() { ["Lines"] = "https://photos.example.org/day-1 Day 1\njavascript:alert(1) Bad" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("must be a web address", await refused.Content.ReadAsStringAsync());
        Assert.DoesNotContain("photos.example.org", await app.CreateClient().GetStringAsync($"/events/{m.Slug}"));

        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync(url, new() { ["Lines"] = "https://photos.example.org/day-1 Day 1 photos" })).StatusCode);
        Assert.Contains("Day 1 photos", await app.CreateClient().GetStringAsync($"/events/{m.Slug}"));
        var speaker = await app.SignInAsync(m.SpeakerEmail);
        Assert.NotEqual(HttpStatusCode.OK, (await speaker.GetAsync(url)).StatusCode);
    }

    private static MultipartFormDataContent Upload(string token, byte[] bytes, string name)
    {
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("Slides"), "fileTitle" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", name);
        return form;
    }
}
