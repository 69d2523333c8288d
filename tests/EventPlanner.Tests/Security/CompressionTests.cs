using System.Net;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Security;

/// <summary>
/// Dynamic answers and wwwroot's text files go out br or gzip; answers that may carry a secret next to text an
/// attacker chose (BREACH: antiforgery tokens, cookies, ticket links, signed-in pages) never do.
/// </summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class CompressionTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? acceptEncoding = "br, gzip",
        System.Net.Http.Headers.EntityTagHeaderValue? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(ifNoneMatch);
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("/", "br")]
    [InlineData("/api-docs", "gzip")]
    [InlineData("/openapi/v1.json", "br")]
    public async Task Anonymous_pages_and_json_are_compressed_and_decode_to_the_identity_bytes(string path, string coding)
    {
        var client = app.CreateClient();
        var identity = await GetAsync(client, path, acceptEncoding: null);
        var raw = await identity.Content.ReadAsByteArrayAsync();

        var response = await GetAsync(client, path, coding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(coding, response.Content.Headers.ContentEncoding.Single());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var decoded = ExportCompressionTests.Decode(await response.Content.ReadAsByteArrayAsync(), coding);
        // Pages carry nothing per request (no token, no nonce) for an anonymous reader, so the bytes are the same.
        Assert.Equal(System.Text.Encoding.UTF8.GetString(raw), System.Text.Encoding.UTF8.GetString(decoded));
    }

    [Fact]
    public async Task Identity_only_and_q_zero_get_uncompressed_answers()
    {
        var client = app.CreateClient();
        Assert.Empty((await GetAsync(client, "/openapi/v1.json", "identity")).Content.Headers.ContentEncoding);
        Assert.Empty((await GetAsync(client, "/openapi/v1.json", "br;q=0, gzip;q=0")).Content.Headers.ContentEncoding);
        Assert.Equal("gzip", (await GetAsync(client, "/openapi/v1.json", "br;q=0, gzip")).Content.Headers.ContentEncoding.Single());
    }

    [Fact]
    public async Task Static_css_is_served_precompressed_with_its_own_etag_and_304()
    {
        var client = app.CreateClient();
        const string path = "/lib/pico/pico.min.css";
        var identity = await GetAsync(client, path, acceptEncoding: null);
        var raw = await identity.Content.ReadAsByteArrayAsync();

        foreach (var coding in new[] { "br", "gzip" })
        {
            var response = await GetAsync(client, path, coding);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(coding, response.Content.Headers.ContentEncoding.Single());
            Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(body.Length < raw.Length / 3, $"{coding}: {body.Length} of {raw.Length} bytes");
            Assert.Equal(raw, ExportCompressionTests.Decode(body, coding));
            Assert.NotEqual(identity.Headers.ETag, response.Headers.ETag);

            var again = await GetAsync(client, path, coding, response.Headers.ETag);
            Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        }
        Assert.Contains("Accept-Encoding", identity.Headers.Vary);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(client, path, null, identity.Headers.ETag)).StatusCode);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path) { Headers = { { "Accept-Encoding", "br" } } });
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("br", head.Content.Headers.ContentEncoding.Single());
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/account/register")]
    [InlineData("/account/forgot-password")]
    public async Task Pages_with_an_antiforgery_token_are_never_compressed(string path)
    {
        var response = await GetAsync(app.CreateClient(), path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("__RequestVerificationToken", body);
        Assert.True(body.Length > 1024); // big enough to be compressed were it not for the token
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Signed_in_pages_are_never_compressed()
    {
        var email = TicketKit.Unique("zip") + "@example.org";
        await app.CreateUserAsync(email);
        var browser = await app.SignInAsync(email);

        foreach (var path in new[] { "/", "/account/profile", "/my/tickets", "/my/agenda" })
        {
            var response = await GetAsync(browser, path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True((await response.Content.ReadAsStringAsync()).Length > 1024, path);
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }
    }

    [Fact]
    public async Task A_ticket_page_opened_by_its_secret_link_is_never_compressed()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var holder = await app.UserAsync();
        Assert.True((await holder.Api.RegisterAsync(ev.Slug, type, attendees: 4)).IsSuccessStatusCode);
        var ticket = (await holder.MyTicketsAsync())[0];

        var response = await GetAsync(app.CreateClient(), $"/tickets/{ticket.Secret}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(ticket.Secret, page);
        Assert.True(page.Length > 1024);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        // The same secrets in the API's list of one's tickets (four of them: well above the size worth compressing).
        var api = await GetAsync(holder.Api, "/api/my/tickets");
        var json = await api.Content.ReadAsStringAsync();
        Assert.Contains(ticket.Secret, json);
        Assert.True(json.Length > 1024, $"{json.Length} bytes");
        Assert.Empty(api.Content.Headers.ContentEncoding);
    }
}
