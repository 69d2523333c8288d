using System.Security.Cryptography;
using System.Text.RegularExpressions;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>
/// Uploaded slides (PDF only) under the data directory (uploads/lightning-slides), each under a long random name:
/// the name is the key (like a ticket secret), nothing the speaker sends becomes part of a path, and the file is
/// served as a download-safe PDF.
/// </summary>
public sealed partial class LightningSlides(DataPaths paths)
{
    public string Folder { get; } = Path.Combine(paths.Root, "uploads", "lightning-slides");

    /// <summary>Checks size and type (by content, not name or claimed type) and stores the file; null with a message when refused.</summary>
    public async Task<string?> SaveAsync(Stream content, long length, Validator v, CancellationToken ct = default)
    {
        const int max = LightningRules.MaxSlidesBytes;
        if (length <= 0) { v.Add("slides", "The slides file is empty."); return null; }
        if (length > max) { v.Add("slides", $"The slides are {length / 1024 / 1024.0:0.0} MB; the limit is {max / 1024 / 1024} MB."); return null; }
        using var buffer = new MemoryStream();
        // Read at most one byte past the limit: a body that lies about its length is still refused.
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max) { v.Add("slides", $"The slides are larger than {max / 1024 / 1024} MB."); return null; }
        }
        if (!LightningRules.LooksLikePdf(buffer.GetBuffer().AsSpan(0, (int)Math.Min(8, buffer.Length))))
        {
            v.Add("slides", "Slides must be a PDF file (export them as PDF, or give a link instead).");
            return null;
        }
        Directory.CreateDirectory(Folder);
        var name = $"{Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant()}.pdf";
        var temp = Path.Combine(Folder, name + ".tmp");
        await File.WriteAllBytesAsync(temp, buffer.ToArray(), ct);
        File.Move(temp, Path.Combine(Folder, name));
        return name;
    }

    /// <summary>The file's path, or null for a name we did not make.</summary>
    public string? Find(string name)
    {
        if (!FileName().IsMatch(name)) return null;
        var path = Path.Combine(Folder, name);
        return File.Exists(path) ? path : null;
    }

    public void Delete(string? name)
    {
        if (name is null || !FileName().IsMatch(name)) return;
        try { File.Delete(Path.Combine(Folder, name)); } catch (IOException) { }
    }

    public static string Url(string slug, string name) => $"/events/{slug}/lightning/slides/{name}";

    [GeneratedRegex("^[0-9a-f]{48}\\.pdf$")]
    private static partial Regex FileName();
}
