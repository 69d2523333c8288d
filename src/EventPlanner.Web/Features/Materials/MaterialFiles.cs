using System.Text.RegularExpressions;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Materials;

/// <summary>
/// Uploaded materials on disk. The folder is <c>EventPlanner:Uploads:Path</c> (relative to the content root; a shared
/// folder when several nodes serve the site), by default db/uploads; files go in its materials/ folder under a random
/// 128-bit name, so nothing the uploader sends becomes part of a path and no name can be guessed. The size limit is
/// <c>EventPlanner:Uploads:MaxBytes</c> (50 MB by default).
/// </summary>
public sealed partial class MaterialFiles
{
    public const long DefaultMaxBytes = WebPlatform.DefaultUploadBytes;

    private readonly UploadFolder files;

    public MaterialFiles(DataPaths paths, IConfiguration configuration)
    {
        files = new UploadFolder(Path.Combine(paths.Uploads, "materials"), FileName());
        // Bounded: the pages' request limit is a compile-time constant (WebPlatform.UploadCeiling).
        MaxBytes = Math.Min(long.TryParse(configuration["EventPlanner:Uploads:MaxBytes"], out var max) && max > 0 ? max : DefaultMaxBytes, WebPlatform.UploadCeiling);
    }

    public string Folder => files.Folder;
    public long MaxBytes { get; }

    public string Limit => MaxBytes >= 1024 * 1024 ? $"{MaxBytes / 1024.0 / 1024:0.#} MB" : $"{MaxBytes / 1024.0:0.#} KB";

    /// <summary>Too large to read at all: the caller answers 413 before touching the body.</summary>
    public bool TooLarge(long? length) => length > MaxBytes;

    /// <summary>Checks size and type (by content) and stores the file; null with a field message when refused.</summary>
    public async Task<StoredUpload?> SaveAsync(Stream content, string? claimedName, Validator v, CancellationToken ct = default)
    {
        using var buffer = await UploadFolder.ReadBoundedAsync(content, MaxBytes, ct);
        if (buffer is null) { v.Add("file", $"The file is larger than {Limit}, the limit."); return null; }
        if (buffer.Length == 0) { v.Add("file", "The file is empty."); return null; }
        if (MaterialSniffer.Sniff(buffer.GetBuffer(), (int)buffer.Length) is not { } type)
        {
            v.Add("file", "Slides must be a PDF, ODP or PPTX file (whatever its name says, these bytes are none of those). Export them as PDF, or give a link instead.");
            return null;
        }
        var name = await files.StoreAsync(buffer, type.Extension, 16, ct);
        return new StoredUpload(name, type.ContentType, MaterialRules.DownloadName(claimedName, type.Extension), buffer.Length);
    }

    /// <summary>The file's path, or null for a name we did not make (or a file gone).</summary>
    public string? Find(string name) => files.Find(name);

    public void Delete(string? name) => files.Delete(name);

    [GeneratedRegex("^[0-9a-f]{32}\\.(pdf|odp|pptx)$")]
    private static partial Regex FileName();
}
