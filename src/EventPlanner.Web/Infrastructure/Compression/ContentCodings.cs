using System.IO.Compression;
using Microsoft.Net.Http.Headers;

namespace EventPlanner.Web.Infrastructure.Compression;

/// <summary>The codings we send, and which one a request's Accept-Encoding picks (RFC 9110 §12.5.3, q-values included).</summary>
public static class ContentCodings
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";
    public const string Identity = "identity";

    /// <summary>
    /// br or gzip when the client accepts it (highest q wins, br on a tie), else identity. identity;q=0 with nothing
    /// else acceptable still gets identity: a readable answer beats a 406 for a schedule.
    /// </summary>
    public static string Choose(HttpRequest request)
    {
        var header = request.Headers.AcceptEncoding;
        if (header.Count == 0) return Identity;
        if (!StringWithQualityHeaderValue.TryParseList(header, out var values) || values.Count == 0) return Identity;
        double Quality(string coding)
        {
            // An explicit entry beats the wildcard, whatever their order.
            var exact = values.Where(v => string.Equals(v.Value.Value, coding, StringComparison.OrdinalIgnoreCase)).ToList();
            if (exact.Count > 0) return exact.Max(v => v.Quality ?? 1);
            var any = values.FirstOrDefault(v => v.Value.Value == "*");
            return any is null ? 0 : any.Quality ?? 1;
        }
        var br = Quality(Brotli);
        var gzip = Quality(Gzip);
        if (br <= 0 && gzip <= 0) return Identity;
        return br >= gzip ? Brotli : Gzip;
    }

    /// <summary>Best-ratio compression for bytes compressed once and served many times (exports, static assets).</summary>
    public static byte[] Compress(byte[] content, string coding)
    {
        if (coding == Brotli)
        {
            // Quality 11 with a 4 MB window: a FOSDEM schedule.json (1.6 MB) shrinks to well under a tenth, once per release.
            var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(content.Length)];
            using var encoder = new BrotliEncoder(quality: 11, window: 22);
            var status = encoder.Compress(content, buffer, out _, out var written, isFinalBlock: true);
            if (status != System.Buffers.OperationStatus.Done) throw new InvalidOperationException($"Brotli compression stopped: {status}.");
            return buffer.AsSpan(0, written).ToArray();
        }
        if (coding == Gzip)
        {
            using var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(content);
            return output.ToArray();
        }
        throw new ArgumentOutOfRangeException(nameof(coding), coding, "Only br and gzip are produced.");
    }

    /// <summary>The ETag of a coded representation: the identity ETag with the coding inside the quotes, so each is distinct.</summary>
    public static string ETagFor(string identityETag, string coding)
    {
        if (coding == Identity) return identityETag;
        var weak = identityETag.StartsWith("W/", StringComparison.Ordinal);
        var quoted = weak ? identityETag[2..] : identityETag;
        return $"{(weak ? "W/" : "")}{quoted[..^1]}-{coding}\"";
    }
}

/// <summary>
/// Bytes served many times, with their br and gzip forms made on first demand and then kept: compressing once
/// costs one request a moment, compressing per request would cost every request the CPU.
/// </summary>
public sealed class PrecompressedBytes(byte[] identity)
{
    private readonly Lazy<byte[]> _brotli = new(() => ContentCodings.Compress(identity, ContentCodings.Brotli));
    private readonly Lazy<byte[]> _gzip = new(() => ContentCodings.Compress(identity, ContentCodings.Gzip));

    public byte[] Identity { get; } = identity;

    public byte[] For(string coding) => coding switch
    {
        ContentCodings.Brotli => _brotli.Value,
        ContentCodings.Gzip => _gzip.Value,
        _ => Identity,
    };
}
