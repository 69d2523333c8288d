using System.Text.RegularExpressions;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// Speaker photos in the uploads folder (speaker-photos/), each under a random name, so a name cannot be guessed and
/// nothing a user sends becomes part of a path.
/// </summary>
public sealed partial class SpeakerPhotos(DataPaths paths)
{
    private readonly UploadFolder files = new(Path.Combine(paths.Uploads, "speaker-photos"), FileName());

    public string Folder => files.Folder;

    /// <summary>Checks size and type (by content) and stores the photo; null with a message when refused.</summary>
    public async Task<(string FileName, string ContentType)?> SaveAsync(Stream content, long length, Validator v, CancellationToken ct = default)
    {
        if (length <= 0) { v.Add("photo", "The photo file is empty."); return null; }
        if (length > SpeakerProfileRules.MaxPhotoBytes)
        {
            v.Add("photo", $"The photo is {length / 1024} KB; the limit is {SpeakerProfileRules.MaxPhotoBytes / 1024 / 1024} MB.");
            return null;
        }
        using var buffer = await UploadFolder.ReadBoundedAsync(content, SpeakerProfileRules.MaxPhotoBytes, ct);
        if (buffer is null)
        {
            v.Add("photo", $"The photo is larger than {SpeakerProfileRules.MaxPhotoBytes / 1024 / 1024} MB.");
            return null;
        }
        var kind = SpeakerProfileRules.SniffImage(buffer.GetBuffer().AsSpan(0, (int)Math.Min(16, buffer.Length)));
        if (kind is null) { v.Add("photo", "The photo must be a PNG, JPEG or WebP image."); return null; }
        return (await files.StoreAsync(buffer, kind.Value.Extension, 16, ct), kind.Value.ContentType);
    }

    /// <summary>The file's path and content type, or null for a name we did not make.</summary>
    public (string Path, string ContentType)? Find(string name) =>
        files.Find(name) is { } path ? (path, SpeakerProfileRules.ContentTypeOf(FileName().Match(name).Groups[1].Value)!) : null;

    public void Delete(string? name) => files.Delete(name);

    public static string Url(string name) => $"/speaker-photos/{name}";

    [GeneratedRegex("^[0-9a-f]{32}\\.(png|jpg|webp)$")]
    private static partial Regex FileName();
}
