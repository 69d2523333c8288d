namespace EventPlanner.Web.Features.Submissions;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DiffKind>))]
public enum DiffKind { Same, Added, Removed }

public sealed record DiffPart(DiffKind Kind, string Text);

/// <summary>A word-level diff (longest common subsequence), enough to show what changed in a title or an abstract.</summary>
public static class TextDiff
{
    private const int MaxTokens = 4_000;

    public static IReadOnlyList<DiffPart> Words(string? before, string? after)
    {
        var a = Tokens(before ?? "");
        var b = Tokens(after ?? "");
        if ((long)a.Count * b.Count > (long)MaxTokens * MaxTokens / 4)
        {
            // Too long to compare word by word: show it as replaced.
            return [new(DiffKind.Removed, before ?? ""), new(DiffKind.Added, after ?? "")];
        }
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
            for (var j = b.Count - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var parts = new List<DiffPart>();
        int x = 0, y = 0;
        while (x < a.Count || y < b.Count)
        {
            if (x < a.Count && y < b.Count && a[x] == b[y]) { Add(parts, DiffKind.Same, a[x]); x++; y++; }
            else if (y < b.Count && (x == a.Count || lcs[x, y + 1] >= lcs[x + 1, y])) { Add(parts, DiffKind.Added, b[y]); y++; }
            else { Add(parts, DiffKind.Removed, a[x]); x++; }
        }
        return parts;
    }

    public static bool Changed(IReadOnlyList<DiffPart> parts) => parts.Any(p => p.Kind != DiffKind.Same);

    // Words keep their following whitespace, so joining the parts gives the text back.
    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || (char.IsWhiteSpace(text[i - 1]) && !char.IsWhiteSpace(text[i])))
            {
                if (i > start) tokens.Add(text[start..i]);
                start = i;
            }
        }
        return tokens;
    }

    private static void Add(List<DiffPart> parts, DiffKind kind, string text)
    {
        if (parts.Count > 0 && parts[^1].Kind == kind) parts[^1] = parts[^1] with { Text = parts[^1].Text + text };
        else parts.Add(new DiffPart(kind, text));
    }
}
