using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Schedule;

/// <summary>The per-release exports, sent br or gzip from bytes compressed once, each coding with its own ETag.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ExportCompressionTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task<ScheduleEvent> ReleasedEventAsync(string slug)
    {
        var e = await ScheduleKit.CreateAsync(app, slug);
        for (var i = 0; i < 6; i++)
        {
            await e.PlaceAsync(await e.SessionAsync($"Talk number {i} about compilers", trackId: e.Kernel, minutes: 25), e.Small, $"{10 + i}:00");
        }
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        return e;
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? acceptEncoding, EntityTagHeaderValue? ifNoneMatch = null, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(ifNoneMatch);
        return await app.CreateClient().SendAsync(request);
    }

    internal static byte[] Decode(byte[] body, string? coding) => coding switch
    {
        "br" => Inflate(new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)),
        "gzip" => Inflate(new GZipStream(new MemoryStream(body), CompressionMode.Decompress)),
        null => body,
        _ => throw new InvalidOperationException($"Unexpected coding {coding}"),
    };

    private static byte[] Inflate(Stream stream)
    {
        using var output = new MemoryStream();
        using (stream) stream.CopyTo(output);
        return output.ToArray();
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("gzip;q=0.5, br;q=0.4", "gzip")]
    [InlineData("*", "br")]
    [InlineData("*, br;q=0", "gzip")]
    [InlineData("br;q=0, gzip;q=0", null)]
    [InlineData("identity", null)]
    [InlineData(null, null)]
    public async Task Each_export_is_sent_in_the_coding_the_client_prefers_and_decodes_to_the_stored_bytes(string? accept, string? expected)
    {
        var e = await ReleasedEventAsync($"exz-{Guid.NewGuid():N}"[..16]);
        foreach (var format in new[] { "json", "xml", "ics" })
        {
            var path = $"/events/{e.Slug}/schedule.{format}";
            var raw = await (await GetAsync(path, null)).Content.ReadAsByteArrayAsync();

            var response = await GetAsync(path, accept);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(body.Length, response.Content.Headers.ContentLength);
            Assert.Equal(raw, Decode(body, expected));
            if (expected is not null) Assert.True(body.Length < raw.Length / 2, $"{format} {expected}: {body.Length} of {raw.Length} bytes");
        }
    }

    [Fact]
    public async Task Each_coding_has_its_own_etag_and_answers_304_only_to_its_own()
    {
        var e = await ReleasedEventAsync("exz-etag");
        var path = $"/events/{e.Slug}/schedule.json";
        var br = await GetAsync(path, "br");
        var gzip = await GetAsync(path, "gzip");
        var identity = await GetAsync(path, null);
        var tags = new[] { br, gzip, identity }.Select(r => r.Headers.ETag!.Tag).ToList();
        Assert.Equal(3, tags.Distinct().Count());

        var notModified = await GetAsync(path, "br", br.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(br.Headers.ETag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(path, "gzip", gzip.Headers.ETag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(path, null, identity.Headers.ETag)).StatusCode);

        // A cache holding the gzip bytes must not be told they are the br representation, nor the raw bytes.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(path, "br", gzip.Headers.ETag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(path, null, br.Headers.ETag)).StatusCode);
    }

    [Fact]
    public async Task A_new_release_changes_every_codings_etag_and_the_compressed_bytes()
    {
        var e = await ReleasedEventAsync("exz-new");
        var path = $"/events/{e.Slug}/schedule.json";
        var before = await GetAsync(path, "br");
        await e.PlaceAsync(await e.SessionAsync("Late addition on linkers", minutes: 25), e.Medium, "15:00");
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();

        var after = await GetAsync(path, "br", before.Headers.ETag);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        var text = System.Text.Encoding.UTF8.GetString(Decode(await after.Content.ReadAsByteArrayAsync(), "br"));
        Assert.Contains("Late addition on linkers", text);
    }

    [Fact]
    public async Task Head_with_br_answers_like_get_with_br()
    {
        var e = await ReleasedEventAsync("exz-head");
        var path = $"/events/{e.Slug}/schedule.xml";
        var get = await GetAsync(path, "br");
        var head = await GetAsync(path, "br", method: HttpMethod.Head);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("br", head.Content.Headers.ContentEncoding.Single());
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Contains("Accept-Encoding", head.Headers.Vary);
    }
}
