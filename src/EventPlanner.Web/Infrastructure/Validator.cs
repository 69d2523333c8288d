using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// Collects per-field messages for one request. The API turns them into an RFC 7807 validation
/// problem; Razor pages copy them into ModelState so the same words appear next to the fields.
/// </summary>
public sealed partial class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>
    /// Text that must be given, normalised by <see cref="TextInput"/>; null whenever the field got a message (missing,
    /// too long, a character no text may hold), so a caller that only checks for null cannot go on with refused text.
    /// </summary>
    public string? Required(string field, string? value, int maxLength, string? label = null)
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, $"{label ?? field} is required."); return null; }
        return Text(field, value, maxLength, label);
    }

    /// <summary>Text that may be left empty (""), normalised and limited like <see cref="Required"/>.</summary>
    public string Optional(string field, string? value, int maxLength, string? label = null) =>
        string.IsNullOrEmpty(value) ? "" : Text(field, value, maxLength, label) ?? "";

    private string? Text(string field, string value, int maxLength, string? label)
    {
        var text = TextInput.Normalise(value, out var problem);
        if (problem is not null) { Add(field, $"{label ?? field} contains {problem}; remove it and try again."); return null; }
        if (text.Length > maxLength) { Add(field, $"{label ?? field} must be at most {maxLength} characters (it has {text.Length})."); return null; }
        return text;
    }

    /// <summary>
    /// However many elements a feature allows (counted after blanks and duplicates are dropped), no request needs to
    /// send more than this: a longer list is refused before any element is looked at.
    /// </summary>
    public const int MaxListItems = 100;

    /// <summary>
    /// The elements of a list whose elements are checked one by one: a null element (<c>links[2]</c>) and a list
    /// longer than <paramref name="maxItems"/> are field messages, never a crash further on. Null when refused.
    /// </summary>
    public IReadOnlyList<T>? Items<T>(string field, IReadOnlyList<T?>? values, string label, int maxItems = MaxListItems) where T : class
    {
        if (values is null) return [];
        if (values.Count > maxItems) { Add(field, $"Give at most {maxItems} {label}."); return null; }
        var ok = true;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is null) { Add($"{field}[{i}]", $"Item {i + 1} of {label} is empty (null): leave it out or fill it in."); ok = false; }
        }
        return ok ? values.Select(x => x!).ToList() : null;
    }

    /// <summary>
    /// A list of short texts (emails, names, links, tags, options): each element normalised like <see cref="Optional"/>
    /// with its own message (<c>tags[3]</c>), blanks dropped; the caller de-duplicates and applies its own rules.
    /// </summary>
    public List<string> TextList(string field, IReadOnlyList<string?>? values, int maxLength, string label, int maxItems = MaxListItems)
    {
        var list = new List<string>();
        if (Items(field, values, label, maxItems) is not { } items) return list;
        for (var i = 0; i < items.Count; i++)
        {
            if (Text($"{field}[{i}]", items[i], maxLength, $"Item {i + 1} of {label}") is { Length: > 0 } text) list.Add(text);
        }
        return list;
    }

    public string? Slug(string field, string? value)
    {
        var slug = Required(field, value, 60, "Slug");
        if (slug is not null && slug.Length <= 60 && !SlugPattern().IsMatch(slug))
        {
            Add(field, "Slug may use lower-case letters, digits and single hyphens, starting with a letter or digit (e.g. fossmy-2026).");
        }
        return slug;
    }

    public DateOnly? Date(string field, string? value, string? label = null)
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, $"{label ?? field} is required."); return null; }
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            Add(field, $"{label ?? field} must be a date written as yyyy-MM-dd.");
            return null;
        }
        // Every date here is an event's (or a day of one): the same sane range as local times, so no later conversion overflows.
        if (d.Year is >= LocalTimes.MinYear and <= LocalTimes.MaxYear) return d;
        Add(field, LocalTimes.OutOfRange(label ?? field));
        return null;
    }

    public TimeOnly? Time(string field, string? value, string? label = null)
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, $"{label ?? field} is required."); return null; }
        if (TimeOnly.TryParseExact(value.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return t;
        Add(field, $"{label ?? field} must be a time written as HH:mm (24-hour).");
        return null;
    }

    public TimeZoneInfo? TimeZone(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, "Time zone is required."); return null; }
        if (TimeZoneInfo.TryFindSystemTimeZoneById(value.Trim(), out var zone) && zone.HasIanaId) return zone;
        Add(field, $"'{value}' is not an IANA time zone (e.g. Asia/Kuala_Lumpur, Europe/Brussels).");
        return null;
    }

    public string Colour(string field, string? value)
    {
        var colour = string.IsNullOrWhiteSpace(value) ? "#3366cc" : value.Trim();
        if (!ColourPattern().IsMatch(colour)) Add(field, "Colour must be written as #rrggbb.");
        return colour;
    }

    public int Range(string field, int? value, int min, int max, string? label = null)
    {
        if (value is null) { Add(field, $"{label ?? field} is required."); return 0; }
        if (value < min || value > max) Add(field, $"{label ?? field} must be between {min} and {max}.");
        return value.Value;
    }

    public ValidationProblem Problem() => Problem(Errors);

    /// <summary>Field messages as the API's 400; also how a refused <see cref="WriteResult{T}"/> answers.</summary>
    public static ValidationProblem Problem(IReadOnlyDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors,
        title: "Some fields need another look.", type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.1");

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColourPattern();
}
