using System.Text.RegularExpressions;
using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>Who a speaker is, as far as text about them could give it away. Never sent to a reviewer in an anonymous phase.</summary>
public sealed record SpeakerIdentity
{
    public long UserId { get; init; }
    public string Name { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Email { get; init; } = "";
    public string Affiliation { get; init; } = "";
    public string Bio { get; init; } = "";
    public string Links { get; init; } = "[]";

    public IReadOnlyList<string> LinkList => Json.List<string>(Links);
}

/// <summary>
/// The safety net under anonymous review: whatever text a reviewer reads (the organisers' redacted copy, or the
/// speaker's own words) has the speakers' names, addresses, affiliations and links replaced, so a speaker who
/// wrote "I, Jane Doe of Acme, ..." in an abstract stays anonymous even before an organiser redacts it.
/// </summary>
public static class Anonymiser
{
    public const string Mark = "[redacted]";

    public static string Scrub(string text, IEnumerable<SpeakerIdentity> speakers)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var terms = Terms(speakers);
        // Most texts name nobody: a plain search first spares building a regex for each of them.
        if (!terms.Any(t => text.Contains(t, StringComparison.OrdinalIgnoreCase))) return text;
        // Whole words only: "Zeb" goes, "zebra" stays.
        var pattern = @"(?<![\p{L}\p{N}])(?:" + string.Join("|", terms.Select(Regex.Escape)) + @")(?![\p{L}\p{N}])";
        return Regex.Replace(text, pattern, Mark, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    // Longest first, so "Jane Doe" goes as one piece before "Jane" could. Short fragments are left alone: a
    // three-letter given name would blank out unrelated words.
    private static List<string> Terms(IEnumerable<SpeakerIdentity> speakers)
    {
        var terms = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in speakers)
        {
            Add(terms, s.Name, 3);
            Add(terms, s.DisplayName, 3);
            Add(terms, s.Email, 3);
            Add(terms, s.Email.Split('@')[0], 4);
            Add(terms, s.Affiliation, 3);
            foreach (var link in s.LinkList)
            {
                Add(terms, link, 8);
                Add(terms, link.Replace("https://", "").Replace("http://", "").TrimEnd('/'), 8);
            }
            foreach (var part in s.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) Add(terms, part, 4);
        }
        return terms.OrderByDescending(t => t.Length).ToList();
    }

    private static void Add(HashSet<string> terms, string? value, int minLength)
    {
        var t = value?.Trim();
        if (t is { Length: > 0 } && t.Length >= minLength) terms.Add(t);
    }
}
