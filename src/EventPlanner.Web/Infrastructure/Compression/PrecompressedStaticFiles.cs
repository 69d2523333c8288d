using System.Collections.Concurrent;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace EventPlanner.Web.Infrastructure.Compression;

/// <summary>
/// Text files under wwwroot (css, js, svg, …) sent br or gzip from bytes compressed once per file version and kept in
/// memory, so a phone on conference Wi-Fi gets Pico's 80 KB as about 12 KB at no CPU per request. The project has no
/// build step (and no static web assets manifest for MapStaticAssets: the web root is the repository's wwwroot), so
/// the first request for a file compresses it. Identity requests fall through to UseStaticFiles.
/// </summary>
public sealed class PrecompressedStaticFiles(RequestDelegate next, IWebHostEnvironment environment)
{
    private static readonly HashSet<string> Compressible = new(StringComparer.OrdinalIgnoreCase)
    {
        ".css", ".js", ".mjs", ".svg", ".json", ".xml", ".txt", ".html", ".htm", ".map", ".md", ".ico",
    };

    private readonly FileExtensionContentTypeProvider _types = new();
    private readonly ConcurrentDictionary<string, (long Length, DateTimeOffset Modified, PrecompressedBytes Bytes)> _files = new(StringComparer.Ordinal);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))) return next(context);
        var path = request.Path.Value;
        if (path is null || !Compressible.Contains(Path.GetExtension(path)) || !_types.TryGetContentType(path, out var contentType)) return next(context);
        var file = environment.WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory) return next(context);

        context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        var coding = ContentCodings.Choose(request);
        if (coding == ContentCodings.Identity) return next(context);
        return ServeAsync(context, file, contentType, coding);
    }

    private async Task ServeAsync(HttpContext context, IFileInfo file, string contentType, string coding)
    {
        var modified = file.LastModified;
        var key = context.Request.Path.Value!;
        if (!_files.TryGetValue(key, out var entry) || entry.Length != file.Length || entry.Modified != modified)
        {
            byte[] content;
            await using (var stream = file.CreateReadStream())
            using (var buffer = new MemoryStream((int)file.Length))
            {
                await stream.CopyToAsync(buffer, context.RequestAborted);
                content = buffer.ToArray();
            }
            entry = (file.Length, modified, new PrecompressedBytes(content));
            _files[key] = entry;
        }

        // The same shape as StaticFileMiddleware's ETag, with the coding inside the quotes.
        var identityETag = $"\"{(modified.ToUniversalTime().ToFileTime() ^ file.Length):x}\"";
        var etag = ContentCodings.ETagFor(identityETag, coding);
        var response = context.Response;
        response.Headers.ETag = etag;
        response.Headers.LastModified = modified.ToUniversalTime().ToString("R");
        response.ContentType = contentType;
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        var bytes = entry.Bytes.For(coding);
        response.Headers.ContentEncoding = coding;
        response.ContentLength = bytes.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
