using System.Text.RegularExpressions;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>
/// Uploaded slides (PDF only) in the uploads folder (lightning-slides/), each under a long random name:
/// the name is the key (like a ticket secret), nothing the speaker sends becomes part of a path, and the file is
/// served as a download-safe PDF.
/// </summary>
public sealed partial class LightningSlides(DataPaths paths)
{
    private readonly UploadFolder files = new(Path.Combine(paths.Uploads, "lightning-slides"), FileName());

    public string Folder => files.Folder;

    /// <summary>Checks size and type (by content, not name or claimed type) and stores the file; null with a message when refused.</summary>
    public async Task<string?> SaveAsync(Stream content, long length, Validator v, CancellationToken ct = default)
    {
        const int max = LightningRules.MaxSlidesBytes;
        if (length <= 0) { v.Add("slides", "The slides file is empty."); return null; }
        if (length > max) { v.Add("slides", $"The slides are {length / 1024 / 1024.0:0.0} MB; the limit is {max / 1024 / 1024} MB."); return null; }
        using var buffer = await UploadFolder.ReadBoundedAsync(content, max, ct);
        if (buffer is null) { v.Add("slides", $"The slides are larger than {max / 1024 / 1024} MB."); return null; }
        if (!LightningRules.LooksLikePdf(buffer.GetBuffer().AsSpan(0, (int)Math.Min(8, buffer.Length))))
        {
            v.Add("slides", "Slides must be a PDF file (export them as PDF, or give a link instead).");
            return null;
        }
        return await files.StoreAsync(buffer, "pdf", 24, ct);
    }

    /// <summary>The file's path, or null for a name we did not make.</summary>
    public string? Find(string name) => files.Find(name);

    public void Delete(string? name) => files.Delete(name);

    public static string Url(string slug, string name) => $"/events/{slug}/lightning/slides/{name}";

    [GeneratedRegex("^[0-9a-f]{48}\\.pdf$")]
    private static partial Regex FileName();
}
