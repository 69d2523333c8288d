namespace EventPlanner.Web.Features.Materials;

public sealed record MaterialLinkInput(string? Kind, string? Title, string? Url);

/// <summary>The session's links, all of them: those not listed are removed, files are kept.</summary>
public sealed record MaterialLinksInput(IReadOnlyList<MaterialLinkInput?>? Links);

/// <summary>A new title for one material (a link or an uploaded file); empty gives it its kind's name, as when it was added.</summary>
public sealed record MaterialTitleInput(string? Title);

public sealed record GalleryLinkInput(string? Title, string? Url);

public sealed record GalleryInput(IReadOnlyList<GalleryLinkInput?>? Links);

public sealed record MaterialLinkValues(string Kind, string Title, string Url);

public sealed record GalleryLinkValues(string Title, string Url);

public sealed record MaterialRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public long SessionId { get; init; }
    public string Kind { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Url { get; init; }
    public string? FileName { get; init; }
    public string? DownloadName { get; init; }
    public string? ContentType { get; init; }
    public long? SizeBytes { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The event's slug, where a query joined it (the exports' links need it).</summary>
    public string? Slug { get; init; }

    public bool IsFile => FileName is not null;
}

public sealed record GalleryLinkRow
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string Url { get; init; } = "";
}

/// <summary>A file as stored: its random name, what its bytes are, and the safe name it downloads under.</summary>
public sealed record StoredUpload(string FileName, string ContentType, string DownloadName, long SizeBytes);

/// <summary>
/// One material. <paramref name="Href"/>: where to open it — the link itself, or this site's download address for a
/// file (the random file name is the key).
/// </summary>
public sealed record MaterialResponse(long Id, long SessionId, string Kind, string Title, string Href, bool IsFile, string? ContentType, long? SizeBytes,
    DateTimeOffset CreatedAt);

public sealed record GalleryLinkResponse(string Title, string Url);

public static class MaterialMapping
{
    public static string FileUrl(string slug, string fileName) => $"/events/{slug}/materials/{fileName}";

    public static string Href(this MaterialRow m, string slug) => m.FileName is { } f ? FileUrl(slug, f) : m.Url!;

    public static MaterialResponse AsResponse(this MaterialRow m, string slug) =>
        new(m.Id, m.SessionId, m.Kind, m.Title, m.Href(slug), m.IsFile, m.ContentType, m.SizeBytes, m.CreatedAt);

    public static GalleryLinkResponse AsResponse(this GalleryLinkRow g) => new(g.Title, g.Url);
}
