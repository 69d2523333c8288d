using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Tests.Features.Submissions;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SpeakerProfileTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task A_speaker_profile_is_saved_and_bad_links_are_refused_with_a_message()
    {
        var speaker = await app.CreateApiClientAsync("profile@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await speaker.GetAsync("/api/me/speaker-profile")).StatusCode);

        var bad = await speaker.PutAsJsonAsync("/api/me/speaker-profile", new { fullName = "Siti Rahman", links = new[] { "javascript:alert(1)" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not a web address", await bad.Content.ReadAsStringAsync());

        var saved = await speaker.PutAsJsonAsync("/api/me/speaker-profile", new
        {
            fullName = "Siti Rahman", bio = "Kernel *hacker*.", affiliation = "FOSS.my", links = new[] { "https://example.org/siti" },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var profile = await speaker.GetFromJsonAsync<SpeakerProfileResponse>("/api/me/speaker-profile");
        Assert.Equal("Siti Rahman", profile!.FullName);
        Assert.Equal(["https://example.org/siti"], profile.Links);
    }

    [Fact]
    public void Images_are_recognised_by_their_first_bytes_not_their_names()
    {
        Assert.Equal("image/png", SpeakerProfileRules.SniffImage([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0])?.ContentType);
        Assert.Equal("image/jpeg", SpeakerProfileRules.SniffImage([0xFF, 0xD8, 0xFF, 0xE0, 0, 0])?.ContentType);
        Assert.Equal("image/webp", SpeakerProfileRules.SniffImage("RIFF\0\0\0\0WEBPVP8 "u8)?.ContentType);
        Assert.Null(SpeakerProfileRules.SniffImage("<svg xmlns="u8));
        Assert.Null(SpeakerProfileRules.SniffImage("GIF89a"u8));
    }
}
