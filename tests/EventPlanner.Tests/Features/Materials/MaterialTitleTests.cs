using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Tests.Features.Materials;

/// <summary>A material's title can be changed by the session's speakers and the event's organisers, checked as when it was added.</summary>
[Trait("Engine", "Both")] // passes on PostgreSQL too (issue 17 follow-up run)
public sealed class MaterialTitleTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static Task<HttpResponseMessage> RenameAsync(HttpClient client, string api, long id, string? title) =>
        client.PatchAsJsonAsync($"{api}/{id}", new { title });

    [Fact]
    public async Task Speakers_and_organisers_rename_over_the_api_bad_titles_save_nothing_and_others_are_refused()
    {
        var m = await MaterialKit.CreateAsync(app, "mat-title");
        var elsewhere = await MaterialKit.CreateAsync(app, "mat-title-else");
        var speaker = await app.CreateApiClientAsync(m.SpeakerEmail);
        var otherSpeaker = await app.CreateApiClientAsync(m.OtherSpeakerEmail);
        var link = (await (await MaterialKit.Ok(await speaker.AddLinkAsync(m.Api, "recording", "https://media.example.org/v/t", "Video")))
            .Content.ReadFromJsonAsync<EventPlanner.Web.Features.Materials.MaterialResponse>())!;

        var ok = await RenameAsync(speaker, m.Api, link.Id, "  Recording (FOSDEM room)  ");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("Recording (FOSDEM room)", (await ok.Content.ReadFromJsonAsync<EventPlanner.Web.Features.Materials.MaterialResponse>())!.Title);
        Assert.Equal(HttpStatusCode.OK, (await RenameAsync(m.Organiser, m.Api, link.Id, "Recording, cut")).StatusCode);

        foreach (var (bad, field) in new[] { ("two\nlines", "title"), (new string('x', 121), "title") })
        {
            var refused = await RenameAsync(speaker, m.Api, link.Id, bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.ContainsKey(field));
        }
        Assert.Equal("Recording, cut", (await app.CreateClient().ListAsync(m.Api)).Single().Title);
        // Empty: the kind's name, as when it was added without a title.
        Assert.Equal(HttpStatusCode.OK, (await RenameAsync(speaker, m.Api, link.Id, "")).StatusCode);
        Assert.Equal("Recording", (await app.CreateClient().ListAsync(m.Api)).Single().Title);

        Assert.Equal(HttpStatusCode.Forbidden, (await RenameAsync(otherSpeaker, m.Api, link.Id, "Mine now")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await RenameAsync(elsewhere.Organiser, m.Api, link.Id, "Mine now")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RenameAsync(app.CreateClient(), m.Api, link.Id, "Mine now")).StatusCode);
        // Under another session of the same event (one the caller may work on), the id is not found.
        Assert.Equal(HttpStatusCode.NotFound, (await RenameAsync(m.Organiser, m.OtherApi, link.Id, "Moved")).StatusCode);
        Assert.Equal("Recording", (await app.CreateClient().ListAsync(m.Api)).Single().Title);
    }

    [Fact]
    public async Task A_speaker_renames_uploaded_slides_from_the_page_and_the_session_page_shows_the_new_title()
    {
        var m = await MaterialKit.CreateAsync(app, "mat-title-page");
        var speaker = await app.CreateApiClientAsync(m.SpeakerEmail);
        var file = (await (await MaterialKit.Ok(await speaker.UploadAsync(m.Api, MaterialKit.Pdf(), "deck.pdf")))
            .Content.ReadFromJsonAsync<EventPlanner.Web.Features.Materials.MaterialResponse>())!;
        var browser = await app.SignInAsync(m.SpeakerEmail);
        var url = $"/events/{m.Slug}/sessions/{m.TalkId}/materials";

        var refused = await browser.PostFormAsync($"{url}?handler=Rename&materialId={file.Id}", new() { ["title"] = "Slides\r\n<b>again</b>" }, url);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Keep the title to one line.", html);
        Assert.DoesNotContain("<b>again</b>", html); // what was typed comes back escaped
        Assert.Equal("Slides", (await app.CreateClient().ListAsync(m.Api)).Single().Title);

        var saved = await browser.PostFormAsync($"{url}?handler=Rename&materialId={file.Id}", new() { ["title"] = "Slides (with speaker notes)" }, url);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Slides (with speaker notes)", await app.CreateClient().GetStringAsync($"/events/{m.Slug}/sessions/{m.TalkId}"));

        var other = await app.SignInAsync(m.OtherSpeakerEmail);
        var denied = await other.PostFormAsync($"{url}?handler=Rename&materialId={file.Id}", new() { ["title"] = "Hijacked" },
            $"/events/{m.Slug}/sessions/{m.OtherTalkId}/materials");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/access-denied", denied.Headers.Location!.ToString());
        Assert.Equal("Slides (with speaker notes)", (await app.CreateClient().ListAsync(m.Api)).Single().Title);
    }
}
