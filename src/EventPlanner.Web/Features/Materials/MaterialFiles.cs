using System.Security.Cryptography;
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

    public MaterialFiles(DataPaths paths, IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["EventPlanner:Uploads:Path"];
        var root = string.IsNullOrWhiteSpace(configured) ? Path.Combine(paths.Root, "uploads") : Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured));
        Folder = Path.Combine(root, "materials");
        // Bounded: the pages' request limit is a compile-time constant (WebPlatform.UploadCeiling).
        MaxBytes = Math.Min(long.TryParse(configuration["EventPlanner:Uploads:MaxBytes"], out var max) && max > 0 ? max : DefaultMaxBytes, WebPlatform.UploadCeiling);
    }

    public string Folder { get; }
    public long MaxBytes { get; }

    public string Limit => MaxBytes >= 1024 * 1024 ? $"{MaxBytes / 1024.0 / 1024:0.#} MB" : $"{MaxBytes / 1024.0:0.#} KB";

    /// <summary>Too large to read at all: the caller answers 413 before touching the body.</summary>
    public bool TooLarge(long? length) => length > MaxBytes;

    /// <summary>Checks size and type (by content) and stores the file; null with a field message when refused.</summary>
    public async Task<StoredUpload?> SaveAsync(Stream content, string? claimedName, Validator v, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        // Read at most one byte past the limit: a body that lies about its length is still refused.
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) { v.Add("file", $"The file is larger than {Limit}, the limit."); return null; }
        }
        if (buffer.Length == 0) { v.Add("file", "The file is empty."); return null; }
        if (MaterialSniffer.Sniff(buffer.GetBuffer(), (int)buffer.Length) is not { } type)
        {
            v.Add("file", "Slides must be a PDF, ODP or PPTX file (whatever its name says, these bytes are none of those). Export them as PDF, or give a link instead.");
            return null;
        }
        Directory.CreateDirectory(Folder);
        var name = $"{Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}.{type.Extension}";
        var temp = Path.Combine(Folder, name + ".tmp");
        await using (var file = File.Create(temp))
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(file, ct);
        }
        File.Move(temp, Path.Combine(Folder, name));
        return new StoredUpload(name, type.ContentType, MaterialRules.DownloadName(claimedName, type.Extension), buffer.Length);
    }

    /// <summary>The file's path, or null for a name we did not make (or a file gone).</summary>
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

    [GeneratedRegex("^[0-9a-f]{32}\\.(pdf|odp|pptx)$")]
    private static partial Regex FileName();
}
