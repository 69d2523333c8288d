using System.Net;
using System.Text.RegularExpressions;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Accounts;

public static partial class AccountTestHelpers
{
    /// <summary>The path and query of the link to <paramref name="path"/> in the last mail to <paramref name="address"/>.</summary>
    public static string LinkInLastMail(this EventPlannerApp app, string address, string path)
    {
        var mail = app.Mail.LastTo(address);
        var match = Regex.Match(mail.TextBody, "http://localhost(" + Regex.Escape(path) + @"\?\S+)");
        Assert.True(match.Success, $"No {path} link in: {mail.TextBody}");
        return match.Groups[1].Value;
    }

    public static Task<HttpResponseMessage> LogInAsync(this HttpClient client, string email, string password) =>
        client.PostFormAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Posts one of the profile page's forms (named by its handler) with the page's antiforgery token.</summary>
    public static Task<HttpResponseMessage> PostProfileAsync(this HttpClient client, string handler, Dictionary<string, string> fields) =>
        client.PostFormAsync($"/account/profile?handler={handler}", fields, getUrl: "/account/profile");

    /// <summary>Follows redirects by hand (test browsers do not) and returns the final response.</summary>
    public static async Task<HttpResponseMessage> GetFollowingAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        for (var hops = 0; hops < 5 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found; hops++)
        {
            response = await client.GetAsync(response.Headers.Location);
        }
        return response;
    }

    public static string NewTokenSecret(string profileHtml)
    {
        var match = SecretOnPage().Match(profileHtml);
        Assert.True(match.Success, "The profile page did not show the new token.");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("id=\"new-token\">(ep_[A-Za-z0-9_-]+)<")]
    private static partial Regex SecretOnPage();
}
