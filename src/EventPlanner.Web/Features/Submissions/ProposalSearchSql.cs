using System.Globalization;
using System.Text;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// The proposals' full-text search as each engine spells it (the feature's one dialect seam): SQLite's FTS5 table
/// <c>proposals_fts</c> kept by triggers, and on PostgreSQL a <c>to_tsvector('simple', ...)</c> match. FTS5's tokenizer
/// folds accents ("cafe" finds "Café"); PostgreSQL's 'simple' configuration does not, and unaccent is an extension the
/// schema does not install, so both the text and the words are folded here with translate() over Latin letters.
/// (That expression is not the one migration 0003's twin indexes; the search is bounded by the event's proposals.)
/// </summary>
public static class ProposalSearchSql
{
    /// <summary>"Proposal p matches the query parameter @match" (built by <see cref="Query"/>).</summary>
    public static string Matches(SqlDialect d) => d == SqlDialect.Postgres
        ? $"to_tsvector('simple', lower(translate(p.title || ' ' || p.abstract || ' ' || p.description, '{Accented}', '{Plain}'))) @@ to_tsquery('simple', @match)"
        : "p.id IN (SELECT rowid FROM proposals_fts WHERE proposals_fts MATCH @match)";

    /// <summary>
    /// The user's words as the engine's query: every word required and prefix-matched. The words are letters and
    /// digits only (see <see cref="ProposalList.Words"/>), so no query syntax gets through on either engine.
    /// </summary>
    public static string? Query(SqlDialect d, IReadOnlyList<string> words) =>
        words.Count == 0 ? null
        : d == SqlDialect.Postgres ? string.Join(" & ", words.Select(w => $"{Fold(w)}:*"))
        : string.Join(" ", words.Select(w => $"\"{w}\"*"));

    /// <summary>A word lower-cased without its accents, as <see cref="Matches"/> folds the text on PostgreSQL.</summary>
    public static string Fold(string word)
    {
        var sb = new StringBuilder(word.Length);
        foreach (var ch in word.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) sb.Append(ch);
        }
        return sb.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }

    // The Latin-1 and Latin Extended-A letters that are a plain ASCII letter plus accents, and those letters: the
    // two translate() arguments (no quote among them, so they sit in the SQL as literals).
    private static readonly (string From, string To) Folding = BuildFolding();
    private static string Accented => Folding.From;
    private static string Plain => Folding.To;

    private static (string, string) BuildFolding()
    {
        var from = new StringBuilder();
        var to = new StringBuilder();
        for (var ch = '\u00C0'; ch <= '\u017F'; ch++)
        {
            var decomposed = ch.ToString().Normalize(NormalizationForm.FormD);
            if (decomposed.Length > 1 && char.IsAsciiLetter(decomposed[0])
                && decomposed.Skip(1).All(m => CharUnicodeInfo.GetUnicodeCategory(m) == UnicodeCategory.NonSpacingMark))
            {
                from.Append(ch);
                to.Append(decomposed[0]);
            }
        }
        return (from.ToString(), to.ToString());
    }
}
