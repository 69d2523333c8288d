using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Submissions;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed partial class SpeakerPagesTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];

    private static async Task<HttpResponseMessage> PostProfileAsync(HttpClient browser, byte[] photo, string fileName)
    {
        var token = FormPosting.AntiforgeryFrom(await browser.GetStringAsync("/account/speaker-profile"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Aisha Tan"), "Input.FullName" },
            { new StringContent("Maintainer of *things*."), "Input.Bio" },
            { new StringContent("https://example.org/aisha"), "Input.Links" },
            { new ByteArrayContent(photo), "Photo", fileName },
        };
        return await browser.PostAsync("/account/speaker-profile", form);
    }

    [Fact]
    public async Task A_photo_is_checked_by_its_content_stored_under_a_random_name_and_served_with_its_type()
    {
        await app.CreateUserAsync("aisha@example.org");
        var browser = await app.SignInAsync("aisha@example.org");

        var fake = await PostProfileAsync(browser, "<svg onload=alert(1)>"u8.ToArray(), "photo.png");
        Assert.Equal(HttpStatusCode.OK, fake.StatusCode);
        Assert.Contains("must be a PNG, JPEG or WebP image", await fake.Content.ReadAsStringAsync());

        var tooBig = await PostProfileAsync(browser, [.. Png, .. new byte[2 * 1024 * 1024]], "big.png");
        Assert.Contains("the limit is 2 MB", await tooBig.Content.ReadAsStringAsync());

        var saved = await PostProfileAsync(browser, Png, "../../etc/passwd.png");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await browser.GetStringAsync("/account/speaker-profile");
        var url = PhotoUrl().Match(page).Value;
        Assert.Matches("^/speaker-photos/[0-9a-f]{32}\\.png$", url);

        var photo = await app.CreateClient().GetAsync(url);
        Assert.Equal("image/png", photo.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await photo.Content.ReadAsByteArrayAsync());
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "uploads", "speaker-photos", url.Split('/').Last())));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/speaker-photos/..%2F..%2Feventplanner.db")).StatusCode);
    }

    [Fact]
    public async Task The_invitation_page_asks_strangers_to_log_in_refuses_the_wrong_account_and_lets_the_invitee_accept()
    {
        var e = await CfpKit.CreateAsync(app, "invite-page");
        var main = await app.CreateApiClientAsync("inviter@example.org");
        var draft = await (await main.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e))).ReadProposalAsync();
        (await main.PostAsJsonAsync($"{e.Api}/proposals/{draft.Id}/co-speakers", new { email = "guest@example.org" })).EnsureSuccessStatusCode();
        var link = new Uri(LinkIn().Match((await app.Mail.WaitForAsync("guest@example.org", "co-present")).TextBody).Value).PathAndQuery;

        var anonymous = await app.CreateClient().GetStringAsync(link);
        Assert.Contains("log in", anonymous);
        Assert.Contains("create an account", anonymous);

        await app.CreateUserAsync("stranger@example.org");
        var stranger = await app.SignInAsync("stranger@example.org");
        var token = Uri.UnescapeDataString(link.Split("token=")[1]);
        var refused = await stranger.PostFormAsync("/invitations/co-speaker?handler=Accept", new() { ["Token"] = token }, link);
        Assert.Contains("This invitation is for guest@example.org", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        await app.CreateUserAsync("guest@example.org");
        var guest = await app.SignInAsync("guest@example.org");
        var accepted = await guest.PostFormAsync("/invitations/co-speaker?handler=Accept", new() { ["Token"] = token }, link);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"/events/{e.Slug}/proposals/{draft.Id}", accepted.Headers.Location!.OriginalString);
        Assert.Contains(draft.Title, await guest.GetStringAsync(accepted.Headers.Location.OriginalString));
        Assert.Contains("already been answered", await guest.GetStringAsync(link));
    }

    [GeneratedRegex("/speaker-photos/[^\"]+")]
    private static partial Regex PhotoUrl();

    [GeneratedRegex(@"http://localhost/invitations/co-speaker\?token=\S+")]
    private static partial Regex LinkIn();
}
