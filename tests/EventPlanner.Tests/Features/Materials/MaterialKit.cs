using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Tests.Features.Materials;

/// <summary>A released event (Brussels, ScheduleKit) with two talks, each with its own speaker who can sign in.</summary>
public sealed record MaterialEvent(ScheduleEvent Schedule, long TalkId, string SpeakerEmail, long OtherTalkId, string OtherSpeakerEmail)
{
    public string Slug => Schedule.Slug;
    public HttpClient Organiser => Schedule.Organiser;
    public string Api => $"/api/events/{Schedule.Slug}/sessions/{TalkId}/materials";
    public string OtherApi => $"/api/events/{Schedule.Slug}/sessions/{OtherTalkId}/materials";
}

internal static class MaterialKit
{
    public static async Task<MaterialEvent> CreateAsync(EventPlannerApp app, string slug)
    {
        var e = await ScheduleKit.CreateAsync(app, slug);
        var speaker = $"speaker-{slug}@example.org";
        var other = $"other-{slug}@example.org";
        await ScheduleKit.SpeakerAsync(app, speaker, "Ada Lovelace");
        await ScheduleKit.SpeakerAsync(app, other, "Grace Hopper");
        var talk = await e.PlaceAsync(await e.SessionAsync("Packaging Rust for Debian", speakers: [speaker]), e.Janson, "10:00");
        var otherTalk = await e.PlaceAsync(await e.SessionAsync("COBOL forever", speakers: [other]), e.Small, "10:00");
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        return new MaterialEvent(e, talk.Id, speaker, otherTalk.Id, other);
    }

    public static byte[] Pdf(int padding = 0) =>
        Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" + new string('%', padding) + "\n%%EOF\n");

    /// <summary>A minimal OpenDocument presentation: a ZIP whose "mimetype" entry names the type (what LibreOffice writes first).</summary>
    public static byte[] Odp() => Zip(("mimetype", "application/vnd.oasis.opendocument.presentation"), ("content.xml", "<office:document-content/>"));

    public static byte[] Pptx() => Zip(("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<p:presentation/>"));

    public static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                s.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return ms.ToArray();
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string api, byte[] bytes, string fileName, string? title = null,
        string contentType = "application/pdf")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        if (title is not null) form.Add(new StringContent(title), "title");
        return client.PostAsync($"{api}/upload", form);
    }

    public static Task<HttpResponseMessage> AddLinkAsync(this HttpClient client, string api, string kind, string url, string title = "") =>
        client.PostAsJsonAsync(api, new { kind, title, url });

    public static async Task<List<EventPlanner.Web.Features.Materials.MaterialResponse>> ListAsync(this HttpClient client, string api) =>
        (await client.GetFromJsonAsync<List<EventPlanner.Web.Features.Materials.MaterialResponse>>(api))!;

    public static async Task<HttpResponseMessage> Ok(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
