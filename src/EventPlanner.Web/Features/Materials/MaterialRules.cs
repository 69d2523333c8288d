using System.Text;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Materials;

/// <summary>What a material may be: its kind, a title, a web link (http or https only), and how many a session may hold.</summary>
public static class MaterialRules
{
    public const string Slides = "slides";
    public const string Recording = "recording";
    public const string Code = "code";
    public const string Paper = "paper";
    public const string Other = "other";

    public static readonly string[] Kinds = [Slides, Recording, Code, Paper, Other];

    public const int MaxTitle = 120;
    public const int MaxUrl = 500;

    /// <summary>Files and links together, per session: a talk's slides, a recording and a few links, with room to spare.</summary>
    public const int MaxPerSession = 20;

    public const int MaxGalleryLinks = 30;

    /// <summary>Kinds the daily digest tells attendees about: the ones people wait for after a talk.</summary>
    public static readonly string[] Awaited = [Slides, Recording];

    public static string Label(string kind) => kind switch
    {
        Slides => "Slides",
        Recording => "Recording",
        Code => "Code",
        Paper => "Paper",
        _ => "Link",
    };

    /// <summary>The frab/voc reference type (an enum in the JSON schema) each kind is exported as.</summary>
    public static string ExportType(string kind) => kind switch
    {
        Slides => "slides",
        Recording => "media",
        Paper => "paper",
        Code => "related",
        _ => "web",
    };

    public static string? Kind(string field, string? value, Validator v)
    {
        var kind = value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(kind)) { v.Add(field, $"Kind is required: one of {string.Join(", ", Kinds)}."); return null; }
        if (Kinds.Contains(kind)) return kind;
        v.Add(field, $"Kind must be one of {string.Join(", ", Kinds)}.");
        return null;
    }

    /// <summary>
    /// A web address for others to open: absolute http(s) with a host, nothing else (no javascript:, data:, file: or
    /// relative links), no credentials in it, at most <see cref="MaxUrl"/> characters. Null (with a message) when refused.
    /// </summary>
    public static string? Url(string field, string? value, Validator v, string label = "Link")
    {
        var url = value?.Trim();
        if (string.IsNullOrEmpty(url)) { v.Add(field, $"{label} is required."); return null; }
        if (url.Length > MaxUrl) { v.Add(field, $"{label} must be at most {MaxUrl} characters (it has {url.Length})."); return null; }
        if (TextInput.Problem(url) is not null || url.Any(char.IsWhiteSpace)
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host))
        {
            v.Add(field, $"{label} must be a web address starting with https:// (or http://).");
            return null;
        }
        if (uri.UserInfo.Length > 0) { v.Add(field, $"{label} must not carry a user name or password."); return null; }
        return url;
    }

    public static string? Title(string field, string? value, string kind, Validator v)
    {
        var title = v.Optional(field, value, MaxTitle, "Title");
        if (v.Errors.ContainsKey(field)) return null;
        if (title.Contains('\n')) { v.Add(field, "Keep the title to one line."); return null; }
        return title.Length > 0 ? title : Label(kind);
    }

    /// <summary>One link of a list: its kind, title and address, each checked with a message naming its place (links[2].url).</summary>
    public static MaterialLinkValues? Link(string prefix, MaterialLinkInput input, Validator v)
    {
        var kind = Kind($"{prefix}kind", input.Kind, v);
        var url = Url($"{prefix}url", input.Url, v);
        var title = kind is null ? null : Title($"{prefix}title", input.Title, kind, v);
        return kind is null || url is null || title is null ? null : new MaterialLinkValues(kind, title, url);
    }

    /// <summary>Every element is looked at (a null one is a message at its place), so one request shows every mistake.</summary>
    public static IReadOnlyList<MaterialLinkValues>? Links(MaterialLinksInput input, Validator v)
    {
        var items = input.Links ?? [];
        if (items.Count > MaxPerSession) { v.Add("links", $"Give at most {MaxPerSession} links (a session holds at most {MaxPerSession} materials)."); return null; }
        var list = new List<MaterialLinkValues>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item) { v.Add($"links[{i}]", $"Link {i + 1} is empty (null): leave it out or fill it in."); continue; }
            if (Link($"links[{i}].", item, v) is { } link) list.Add(link);
        }
        return v.HasErrors ? null : list.DistinctBy(l => (l.Kind, l.Url)).ToList();
    }

    public static IReadOnlyList<GalleryLinkValues>? Gallery(GalleryInput input, Validator v)
    {
        if (v.Items("links", input.Links, "gallery links", MaxGalleryLinks) is not { } items) return null;
        var list = new List<GalleryLinkValues>();
        for (var i = 0; i < items.Count; i++)
        {
            var url = Url($"links[{i}].url", items[i].Url, v);
            var title = v.Optional($"links[{i}].title", items[i].Title, MaxTitle, $"Title of link {i + 1}");
            if (title.Contains('\n')) v.Add($"links[{i}].title", "Keep the title to one line.");
            if (url is not null) list.Add(new GalleryLinkValues(title.Length > 0 ? title : "Photos", url));
        }
        return v.HasErrors ? null : list.DistinctBy(l => l.Url).ToList();
    }

    /// <summary>
    /// The name a download is saved under: the uploader's name reduced to letters, digits, '.', '-' and '_' (no path,
    /// no quotes, no control characters), with the extension of what the bytes are, not of what the name said.
    /// </summary>
    public static string DownloadName(string? claimed, string extension)
    {
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName((claimed ?? "").Replace('\\', '/')));
        var sb = new StringBuilder();
        foreach (var ch in stem.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_') sb.Append(ch);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
            if (sb.Length >= 80) break;
        }
        var safe = sb.ToString().Trim('-', '_');
        return $"{(safe.Length > 0 ? safe : "slides")}.{extension}";
    }
}
