using System.Net;
using System.Net.Sockets;
using System.Text;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Infrastructure;
using Xunit.Abstractions;

namespace EventPlanner.Tests.Api;

/// <summary>The real app behind Kestrel (not the in-memory test server), for what Kestrel itself decides about a request.</summary>
public sealed class KestrelEventPlannerApp : EventPlannerApp
{
    public KestrelEventPlannerApp() => UseKestrel(0);

    public Uri Address
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }
}

/// <summary>
/// A 4xx the app answers without a body of its own still carries problem details (API) or the site's error page. What
/// Kestrel refuses before the pipeline (a NUL in the path, a request line past <see cref="WebPlatform.KestrelRequestLineLimit"/>)
/// is its bare 400/414: no middleware sees it. These tests pin both.
/// </summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class BodylessErrorTests(KestrelEventPlannerApp app, ITestOutputHelper output) : IClassFixture<KestrelEventPlannerApp>
{
    // Raw HTTP/1.1, so nothing on the client side cleans up the request line.
    private async Task<(int Status, string Head, string Body)> RawAsync(string target)
    {
        var address = app.Address;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + 4)..];
        output.WriteLine($"{target[..Math.Min(60, target.Length)]} -> {head.Split("\r\n")[0]} ({body.Length} chars)");
        return (int.Parse(head.Split(' ')[1]), head, body);
    }

    [Fact]
    public async Task A_100_kb_query_string_on_the_api_is_414_with_problem_details()
    {
        var (status, head, body) = await RawAsync("/api/events?q=" + new string('x', 100_000));

        Assert.Equal(414, status);
        Assert.Contains("application/problem+json", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"status\":414", body);
        Assert.Contains("query string", body);
    }

    [Fact]
    public async Task A_100_kb_query_string_on_a_page_is_414_with_the_sites_error_page()
    {
        var (status, head, body) = await RawAsync("/events?q=" + new string('x', 100_000));

        Assert.Equal(414, status);
        Assert.Contains("text/html", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Address too long", body);
        Assert.Contains("</html>", body);
    }

    [Fact]
    public async Task A_query_just_under_the_limit_is_read()
    {
        var (status, _, _) = await RawAsync("/api/events?q=" + new string('x', WebPlatform.QueryLimit - 3));

        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("/api/events/a%00b")]
    [InlineData("/events/a%00b")]
    public async Task A_nul_in_the_path_is_refused_by_kestrel_itself_with_a_bare_400(string target)
    {
        // Kestrel's URL decoder refuses a decoded NUL in the path before any middleware (the in-memory test host's
        // throws on the client side): the one 4xx that cannot carry a body. A NUL in a query or a body does reach the app.
        var (status, _, body) = await RawAsync(target);

        Assert.Equal(400, status);
        Assert.Equal("", body);
    }

    [Fact]
    public async Task A_request_line_past_kestrels_raised_limit_is_its_bare_414()
    {
        var (status, _, _) = await RawAsync("/api/events?q=" + new string('x', WebPlatform.KestrelRequestLineLimit + 10));

        Assert.Equal(414, status);
    }
}

/// <summary>4xx answers the pipeline makes without a body of its own (no endpoint, a policy refusal), through the in-memory host.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class BodylessErrorPipelineTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Theory]
    [InlineData("/api/no-such-endpoint")]
    [InlineData("/api/events/no-such-event/rooms")]
    [InlineData("/api/events/no-such-event/lightning/1")]
    public async Task An_api_4xx_without_a_body_of_its_own_gets_problem_details(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"status\":{(int)response.StatusCode}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_page_4xx_gets_the_sites_error_page()
    {
        var response = await app.CreateClient().GetAsync("/no/such/page");

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("</html>", await response.Content.ReadAsStringAsync());
    }
}
