using System.Text.RegularExpressions;

namespace EventPlanner.Tests.Architecture;

/// <summary>
/// Redirect after post (issue 14): a page handler that wrote something answers a redirect, so reloading the page does not
/// post again; re-rendering is for validation errors and confirmations. This reads every PageModel's OnPost handlers and
/// fails on one whose last answer is the page itself, unless it is listed below with the reason it must answer in place.
/// </summary>
[Trait("Engine", "Both")] // no database: runs in both passes
public sealed partial class PostRedirectGetTests
{
    private static readonly Dictionary<string, string> AnswersInPlace = new()
    {
        ["Account/Login.OnPostAsync"] = "its last answer is the refusal (wrong password); a login redirects",
        ["EventNotifications/Bulk.OnPostPreviewAsync"] = "a preview writes nothing",
        ["EventNotifications/Template.OnPostPreviewAsync"] = "a preview writes nothing",
        ["Notifications/Unsubscribe.OnPostAsync"] = "RFC 8058 one-click: mail providers POST and expect a 2xx; posting again changes nothing",
        ["Schedule/Suggestion.OnPostApplyAsync"] = "its last answer is the 409 refusal; applying redirects",
        ["Webhooks/Endpoint.OnPostRotateAsync"] = "the new secret is shown in this answer only (no-store), never kept for a redirect",
        ["Webhooks/Index.OnPostAddAsync"] = "the new secret is shown in this answer only (no-store), never kept for a redirect",
        ["Events/Manage/Rooms.OnPostRemoveAsync"] = "its last answer is the confirmation step; a removal redirects",
    };

    [GeneratedRegex(@"public\s+(?:async\s+)?[\w<>]+\s+(OnPost\w*)\s*\(")]
    private static partial Regex Handler();

    [GeneratedRegex(@"return\s+([^;]*);")]
    private static partial Regex Return();

    [Fact]
    public void Every_page_handler_that_writes_answers_a_redirect()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EventPlanner.sln"))) dir = dir.Parent;
        var pages = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("No EventPlanner.sln above the test binaries."), "src", "EventPlanner.Web", "Pages");
        var handlers = 0;
        var offenders = new List<string>();
        foreach (var file in Directory.GetFiles(pages, "*.cshtml.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            var page = Path.GetRelativePath(pages, file).Replace('\\', '/').Replace(".cshtml.cs", "");
            foreach (Match m in Handler().Matches(text))
            {
                handlers++;
                var last = Return().Matches(Body(text, m.Index + m.Length)).LastOrDefault()?.Groups[1].Value.Trim() ?? "";
                if (last == "Page()" && !AnswersInPlace.ContainsKey($"{page}.{m.Groups[1].Value}")) offenders.Add($"{page}.{m.Groups[1].Value}");
            }
        }
        Assert.True(handlers > 100, $"Only {handlers} handlers found: the scan is not reading the pages.");
        Assert.True(offenders.Count == 0, "These handlers re-render after a successful post; redirect with TempData[\"Flash\"] instead: " + string.Join(", ", offenders));
    }

    // The handler's body: a block in braces, or an expression body up to its semicolon.
    private static string Body(string text, int from)
    {
        var close = text.IndexOf(')', from);
        var arrow = text.IndexOf("=>", close, StringComparison.Ordinal);
        var brace = text.IndexOf('{', close);
        if (arrow >= 0 && (brace < 0 || arrow < brace) && text[close..arrow].Trim().Length == 1) return text[arrow..text.IndexOf(";\n", arrow, StringComparison.Ordinal)];
        var depth = 0;
        for (var i = brace; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) return text[brace..(i + 1)];
        }
        return text[brace..];
    }
}
