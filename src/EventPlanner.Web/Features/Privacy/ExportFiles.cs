using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Privacy;

/// <summary>Export files under db/exports/, named by a random token, never by anything guessable.</summary>
public sealed class ExportFiles(DataPaths paths)
{
    private string Directory => Path.Combine(paths.Root, "exports");

    public async Task<string> WriteAsync(byte[] content, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}.json";
        await File.WriteAllBytesAsync(Path.Combine(Directory, name), content, ct);
        return name;
    }

    public string? PathOf(string name) =>
        // Names come from this class only, but a stored name is checked anyway before it becomes a path.
        name.Length == 37 && name.EndsWith(".json", StringComparison.Ordinal) && name[..32].All(Uri.IsHexDigit) && File.Exists(Path.Combine(Directory, name))
            ? Path.Combine(Directory, name) : null;

    public void Delete(string name)
    {
        if (PathOf(name) is { } path) File.Delete(path);
    }
}
