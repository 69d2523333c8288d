using System.IO.Compression;
using System.Text;

namespace EventPlanner.Web.Features.Materials;

/// <summary>A file type decided by content alone.</summary>
public sealed record SniffedType(string ContentType, string Extension, string Label);

/// <summary>
/// What an uploaded file really is, from its bytes (never its name or the type the browser claims): PDF starts with
/// "%PDF-"; ODP and PPTX are ZIP archives, told apart by what is inside — ODP's "mimetype" entry names the
/// presentation type, PPTX has "[Content_Types].xml" and a "ppt/" folder. Anything else is refused.
/// </summary>
public static class MaterialSniffer
{
    public static readonly SniffedType Pdf = new("application/pdf", "pdf", "PDF");
    public static readonly SniffedType Odp = new("application/vnd.oasis.opendocument.presentation", "odp", "ODP");
    public static readonly SniffedType Pptx = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx", "PPTX");

    public static SniffedType? Sniff(byte[] content, int length)
    {
        var head = content.AsSpan(0, length);
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (!head.StartsWith("PK\u0003\u0004"u8)) return null;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, 0, length, writable: false), ZipArchiveMode.Read);
            if (zip.GetEntry("mimetype") is { } mimetype && ReadSmall(mimetype) == Odp.ContentType) return Odp;
            if (zip.GetEntry("[Content_Types].xml") is not null && zip.Entries.Any(e => e.FullName.StartsWith("ppt/", StringComparison.Ordinal))) return Pptx;
            return null;
        }
        catch (InvalidDataException) { return null; }
        catch (NotSupportedException) { return null; }
        catch (ArgumentException) { return null; }
    }

    // The mimetype entry is a few dozen bytes; read no more than that, whatever the archive claims (no zip bomb).
    private static string? ReadSmall(ZipArchiveEntry entry)
    {
        using var s = entry.Open();
        var buffer = new byte[128];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = s.Read(buffer, total, buffer.Length - total)) > 0) total += read;
        return total == buffer.Length ? null : Encoding.ASCII.GetString(buffer, 0, total);
    }
}
