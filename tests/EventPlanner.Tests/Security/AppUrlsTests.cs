using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Tests.Security;

/// <summary>Links written with no request to copy the address from (jobs, the demo's releases) follow where the app listens.</summary>
[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public sealed class AppUrlsTests
{
    [Theory]
    [InlineData("http://localhost:5000", "http://localhost:5000")]
    [InlineData("http://127.0.0.1:8080;https://127.0.0.1:8443", "http://127.0.0.1:8080")]
    [InlineData("http://*:5080", "http://localhost:5080")]
    [InlineData("http://+:5080", "http://localhost:5080")]
    [InlineData("http://0.0.0.0:7000", "http://localhost:7000")]
    [InlineData("https://cfp.foss.my", "https://cfp.foss.my")]
    [InlineData("http://[::1]:5001", "http://[::1]:5001")]
    [InlineData(null, "http://localhost:5000")]
    [InlineData("not a url", "http://localhost:5000")]
    public void Without_a_request_or_public_url_links_use_the_first_listening_address(string? urls, string expected)
    {
        Assert.Equal(expected, AppUrls.ListeningBase(urls));
    }
}
