using System.Text;
using System.Text.RegularExpressions;

namespace EventPlanner.Web.Infrastructure;

/// <summary>A subject and a Markdown body with {named} placeholders.</summary>
public sealed record Wording(string Subject, string Body);

/// <summary>
/// Placeholder rules, plain code: <c>{name}</c> is replaced by a value, <c>{{</c> and <c>}}</c> are
/// literal braces. In the body, values are escaped so a name like "Ana *Lee*" cannot turn into
/// formatting or a link; absolute URLs become autolinks. The text part of the email is the same
/// Markdown with the escapes taken out again.
/// </summary>
public static partial class TemplateText
{
    public const int MaxSubject = 200;
    public const int MaxBody = 20_000;

    public static IReadOnlyList<string> Placeholders(string template) =>
        Placeholder().Matches(template).Where(m => m.Groups[1].Success).Select(m => m.Groups[1].Value).Distinct().ToList();

    public static IReadOnlyList<string> Unknown(string template, IEnumerable<string> allowed)
    {
        var set = allowed.ToHashSet(StringComparer.Ordinal);
        return Placeholders(template).Where(p => !set.Contains(p)).ToList();
    }

    /// <summary>The subject: plain text, values as they are, on one line.</summary>
    public static string RenderSubject(string template, IReadOnlyDictionary<string, string> values) =>
        Replace(template, values, v => v).ReplaceLineEndings(" ").Trim();

    /// <summary>The body as Markdown, with values escaped for Markdown.</summary>
    public static string RenderBody(string template, IReadOnlyDictionary<string, string> values) =>
        Replace(template, values, EscapeValue);

    /// <summary>Readable plain text from a body rendered by <see cref="RenderBody"/>.</summary>
    public static string ToPlainText(string markdown)
    {
        var text = Autolink().Replace(markdown, "$1");
        return Escaped().Replace(text, "$1");
    }

    private static string Replace(string template, IReadOnlyDictionary<string, string> values, Func<string, string> encode) =>
        Placeholder().Replace(template, m =>
        {
            if (m.Value == "{{") return "{";
            if (m.Value == "}}") return "}";
            var name = m.Groups[1].Value;
            return values.TryGetValue(name, out var value) ? encode(value) : m.Value;
        });

    private static string EscapeValue(string value)
    {
        if (IsAbsoluteUrl(value)) return $"<{value}>";
        var sb = new StringBuilder(value.Length + 8);
        foreach (var ch in value.ReplaceLineEndings(" "))
        {
            if (MarkdownPunctuation.Contains(ch)) sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }

    private static bool IsAbsoluteUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !value.Any(char.IsWhiteSpace) && !value.Contains('>');

    private const string MarkdownPunctuation = "\\`*_{}[]()<>#+-.!|~";

    [GeneratedRegex(@"\{\{|\}\}|\{([a-z][a-z0-9_]*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"<(https?://[^\s>]+)>")]
    private static partial Regex Autolink();

    [GeneratedRegex(@"\\([\\`*_{}\[\]()<>#+\-.!|~])")]
    private static partial Regex Escaped();
}
