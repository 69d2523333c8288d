using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

public sealed record SpeakerProfileInput(string? FullName, string? Bio, string? Affiliation, IReadOnlyList<string>? Links);
public sealed record SpeakerProfileValues(string FullName, string Bio, string Affiliation, IReadOnlyList<string> Links);
public sealed record SpeakerProfileResponse(string FullName, string Bio, string Affiliation, IReadOnlyList<string> Links, string? PhotoUrl);

/// <summary>The speaker profile and the photo checks; plain code, unit-tested without a host.</summary>
public static class SpeakerProfileRules
{
    public const int MaxName = 100;
    public const int MaxBio = 5_000;
    public const int MaxAffiliation = 200;
    public const int MaxLinks = 5;
    public const int MaxLink = 300;
    public const long MaxPhotoBytes = 2 * 1024 * 1024;

    public static SpeakerProfileValues? Validate(SpeakerProfileInput input, Validator v)
    {
        var name = v.Required("fullName", input.FullName, MaxName, "Name");
        var bio = v.Optional("bio", input.Bio, MaxBio, "Bio");
        var affiliation = v.Optional("affiliation", input.Affiliation, MaxAffiliation, "Affiliation");
        var links = v.TextList("links", input.Links, MaxLink, "links").Distinct().ToList();
        if (links.Count > MaxLinks) v.Add("links", $"Give at most {MaxLinks} links.");
        foreach (var link in links.Where(l => l.Length > MaxLink || !ProposalRules.IsWebUrl(l)))
        {
            v.Add("links", $"'{Shorten(link)}' is not a web address starting with https:// or http:// (at most {MaxLink} characters).");
        }
        return v.HasErrors ? null : new SpeakerProfileValues(name!, bio, affiliation, links);
    }

    /// <summary>The image type read from the file's first bytes (never from its name or the browser's say-so).</summary>
    public static (string ContentType, string Extension)? SniffImage(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 8 && head[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return ("image/png", "png");
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return ("image/jpeg", "jpg");
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return ("image/webp", "webp");
        return null;
    }

    public static string? ContentTypeOf(string extension) => extension switch
    {
        "png" => "image/png",
        "jpg" => "image/jpeg",
        "webp" => "image/webp",
        _ => null,
    };

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
