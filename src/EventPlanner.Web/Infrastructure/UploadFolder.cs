using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// One kind of upload on disk: a folder under the uploads root whose files have random names that only the app makes
/// (<paramref name="names"/> says which), so nothing a user sends becomes part of a path and no name can be guessed.
/// Nodes sharing the folder need no locking: a file is written under a temporary name and moved into place whole.
/// </summary>
public sealed class UploadFolder(string folder, Regex names)
{
    public string Folder { get; } = folder;

    /// <summary>
    /// Reads the body into memory, at most one byte past <paramref name="max"/>: null when it is larger, whatever length
    /// the request claimed, so a body that lies about its size is still refused before it fills the disk.
    /// </summary>
    public static async Task<MemoryStream?> ReadBoundedAsync(Stream content, long max, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max)
            {
                await buffer.DisposeAsync();
                return null;
            }
        }
        return buffer;
    }

    /// <summary>Stores the bytes under a new random name of <paramref name="randomBytes"/> bytes (hex) and returns that name.</summary>
    public async Task<string> StoreAsync(MemoryStream buffer, string extension, int randomBytes, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var name = $"{Convert.ToHexString(RandomNumberGenerator.GetBytes(randomBytes)).ToLowerInvariant()}.{extension}";
        if (!names.IsMatch(name)) throw new InvalidOperationException($"A stored name must be one the folder finds again: {name}");
        var temp = Path.Combine(Folder, name + ".tmp");
        await using (var file = File.Create(temp))
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(file, ct);
        }
        File.Move(temp, Path.Combine(Folder, name));
        return name;
    }

    /// <summary>The file's path, or null for a name the app did not make or a file that is gone.</summary>
    public string? Find(string name)
    {
        if (!names.IsMatch(name)) return null;
        var path = Path.Combine(Folder, name);
        return File.Exists(path) ? path : null;
    }

    public void Delete(string? name)
    {
        if (name is null || !names.IsMatch(name)) return;
        try { File.Delete(Path.Combine(Folder, name)); } catch (IOException) { }
    }
}
