using System.Net;
using AngleSharp.Dom;
using EventPlanner.Tests.Features.Events;

namespace EventPlanner.Tests.Infrastructure;

/// <summary>
/// The two steps of a destructive form on the pages (_Confirm.cshtml): the first post shows what it touches, and only
/// the post carrying the stamp of that confirmation does it.
/// </summary>
internal static class ConfirmSteps
{
    /// <summary>Posts the form as its button does (no stamp) and returns the confirmation it shows.</summary>
    public static async Task<IElement> ConfirmationAsync(this HttpClient client, string url, Dictionary<string, string> fields, string getUrl)
    {
        var response = await client.PostFormAsync(url, fields, getUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.HtmlAsync()).QuerySelector("section.confirm-step") ?? throw new InvalidOperationException($"No confirmation after {url}.");
    }

    public static int Count(this IElement confirmation, string key) =>
        int.Parse(confirmation.QuerySelector($"[data-impact='{key}']")?.GetAttribute("data-count") ?? throw new InvalidOperationException($"No line {key}."));

    public static string Stamp(this IElement confirmation) => confirmation.QuerySelector("input[name='stamp']")!.GetAttribute("value")!;

    /// <summary>Posts the confirmation's own form: its hidden fields and stamp, as the button on it does.</summary>
    public static Task<HttpResponseMessage> PostConfirmedAsync(this HttpClient client, string url, IElement confirmation, string getUrl)
    {
        var fields = confirmation.QuerySelectorAll("form input[type='hidden']")
            .Where(i => i.GetAttribute("name") is not (null or "__RequestVerificationToken"))
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        return client.PostFormAsync(url, fields, getUrl);
    }

    /// <summary>Both steps, for tests about what follows the change rather than the confirmation.</summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(this HttpClient client, string url, Dictionary<string, string> fields, string getUrl) =>
        await client.PostConfirmedAsync(url, await client.ConfirmationAsync(url, fields, getUrl), getUrl);
}
