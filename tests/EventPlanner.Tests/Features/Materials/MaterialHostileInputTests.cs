using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EventPlanner.Tests.Infrastructure;
using static EventPlanner.Tests.Infrastructure.HostileInput;

namespace EventPlanner.Tests.Features.Materials;

/// <summary>
/// Every materials operation called as a hostile client: each bad field of a link, a list of links, a title and the gallery; uploads
/// with no file, two files, lying names; ids of another session or event; download names that try to leave the folder. Each answers
/// 4xx and the materials tables and the uploads folder stay exactly as they were.
/// </summary>
[Trait("Engine", "Both")]
public sealed class MaterialHostileInputTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static readonly string[] Tables = ["session_materials", "event_gallery_links"];

    private static readonly string[] NotUrl =
        [.. NotRequiredText, "\"javascript:alert(1)\"", "\"data:text/html,<script>alert(1)</script>\"", "\"/relative\"", "\"https://user:pw@example.org/\"",
         "\"ftp://example.org/x\"", Quote("https://example.org/" + new string('a', 500)), "\"https://exa mple.org/\""];

    private static readonly Dictionary<string, string> ValidLink = new()
    {
        ["kind"] = "\"code\"", ["title"] = "\"Source\"", ["url"] = "\"https://example.org/code\"",
    };

    private static readonly Dictionary<string, string[]> BadLink = new()
    {
        ["kind"] = [.. NotRequiredText, "\"slides-ish\"", "\"SLIDES\\u0000\""], ["title"] = [.. NotText, Quote(new string('t', 121))], ["url"] = NotUrl,
    };

    private int FilesOnDisk()
    {
        var folder = Path.Combine(app.DataDirectory, "uploads", "materials");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
    }

    [Fact]
    public async Task Every_api_operation_refuses_each_bad_field_and_body_with_4xx_and_saves_nothing()
    {
        var m = await MaterialKit.CreateAsync(app, "mat-hostile");
        var other = await MaterialKit.CreateAsync(app, "mat-hostile-other");
        var speaker = await app.CreateApiClientAsync(m.SpeakerEmail);
        var slides = await MaterialKit.Ok(await speaker.UploadAsync(m.Api, MaterialKit.Pdf(), "slides.pdf", "Slides"));
        var materialId = (await speaker.ListAsync(m.Api)).Single().Id;
        var otherSpeaker = await app.CreateApiClientAsync(other.SpeakerEmail);
        await MaterialKit.Ok(await otherSpeaker.AddLinkAsync(other.Api, "code", "https://example.org/other"));
        var otherMaterialId = (await otherSpeaker.ListAsync(other.Api)).Single().Id;
        var before = await app.SnapshotAsync(Tables);
        var files = FilesOnDisk();

        await speaker.AssertRefusedAsync(HttpMethod.Post, m.Api, Bodies(ValidLink, BadLink));
        var link = JsonOf(ValidLink);
        await speaker.AssertRefusedAsync(HttpMethod.Put, $"{m.Api}/links", Bodies(new Dictionary<string, string> { ["links"] = $"[{link}]" },
            new Dictionary<string, string[]>
            {
                ["links"] = [.. NotList(link), .. BadLink.SelectMany(f => f.Value.Select(v => $"[{link}, {JsonOf(ValidLink.Select(p => p.Key == f.Key ? new(p.Key, v) : p))}]")),
                    "[" + string.Join(",", Enumerable.Range(0, 21).Select(i => JsonOf(new Dictionary<string, string>(ValidLink) { ["url"] = $"\"https://example.org/{i}\"" }))) + "]"],
            }));
        await speaker.AssertRefusedAsync(HttpMethod.Patch, $"{m.Api}/{materialId}", Bodies(new Dictionary<string, string> { ["title"] = "\"New title\"" },
            new Dictionary<string, string[]> { ["title"] = [.. NotText, Quote(new string('t', 121))] }));
        var gallery = "{\"title\":\"Day one\",\"url\":\"https://photos.example.org/day1\"}";
        await m.Organiser.AssertRefusedAsync(HttpMethod.Put, $"/api/events/{m.Slug}/gallery", Bodies(new Dictionary<string, string> { ["links"] = $"[{gallery}]" },
            new Dictionary<string, string[]>
            {
                ["links"] = [.. NotList(gallery), .. NotUrl.Select(u => $"[{{\"title\":\"Day\",\"url\":{u}}}]"), .. NotText.Select(t => $"[{{\"title\":{t},\"url\":\"https://example.org/\"}}]"),
                    "[" + string.Join(",", Enumerable.Range(0, 31).Select(i => $"{{\"title\":\"D{i}\",\"url\":\"https://example.org/{i}\"}}")) + "]"],
            }));

        // Uploads: no file, an empty or unnamed part, two files, a title no field takes, a lying name, a path for a name.
        foreach (var (what, form) in UploadForms())
        {
            var response = await speaker.PostAsync($"{m.Api}/upload", form);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"upload {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // Ids of another session, event or nothing at all.
        foreach (var (session, material) in new[] { ("0", "1"), ("-1", materialId.ToString()), (long.MaxValue.ToString(), materialId.ToString()),
            (other.TalkId.ToString(), materialId.ToString()), (m.TalkId.ToString(), otherMaterialId.ToString()), (m.TalkId.ToString(), "0"),
            (m.TalkId.ToString(), "99999999999999999999") })
        {
            var api = $"/api/events/{m.Slug}/sessions/{session}/materials";
            var allowed = new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden };
            await speaker.AssertRefusedAsync(HttpMethod.Patch, $"{api}/{material}", [($"{session}/{material}", "{\"title\":\"x\"}")], allowed);
            await speaker.AssertRefusedAsync(HttpMethod.Delete, $"{api}/{material}", [($"{session}/{material}", "")], allowed);
            if (session != m.TalkId.ToString())
            {
                await speaker.AssertRefusedAsync(HttpMethod.Post, api, [(session, link)], allowed);
                await speaker.AssertRefusedAsync(HttpMethod.Put, $"{api}/links", [(session, $"{{\"links\":[{link}]}}")], allowed);
                Assert.Contains((await speaker.PostAsync($"{api}/upload", PdfForm())).StatusCode, allowed);
            }
        }
        // Download names that are not a stored file's: never a file from elsewhere, never a 5xx.
        foreach (var name in new[] { "..%2F..%2Fappsettings.json", "x", new string('a', 1000) + ".pdf", "..\\keys" })
        {
            var response = await app.CreateClient().GetAsync($"/events/{m.Slug}/materials/{name}");
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode}");
        }

        Assert.Equal(before, await app.SnapshotAsync(Tables));
        Assert.Equal(files, FilesOnDisk());
        // Good input through the same addresses works: the refusals were the input's.
        await MaterialKit.Ok(await speaker.SendJsonAsync(HttpMethod.Post, m.Api, link));
        await MaterialKit.Ok(await speaker.SendJsonAsync(HttpMethod.Patch, $"{m.Api}/{materialId}", "{\"title\":\"New title\"}"));
        await MaterialKit.Ok(await m.Organiser.SendJsonAsync(HttpMethod.Put, $"/api/events/{m.Slug}/gallery", $"{{\"links\":[{gallery}]}}"));
        await MaterialKit.Ok(await speaker.PostAsync($"{m.Api}/upload", PdfForm()));
    }

    [Fact]
    public async Task The_speakers_and_gallery_forms_refuse_bad_fields_with_messages_and_save_nothing()
    {
        var m = await MaterialKit.CreateAsync(app, "mat-hostile-forms");
        var speaker = await app.CreateApiClientAsync(m.SpeakerEmail);
        await MaterialKit.Ok(await speaker.UploadAsync(m.Api, MaterialKit.Pdf(), "slides.pdf", "Slides"));
        var materialId = (await speaker.ListAsync(m.Api)).Single().Id;
        var browser = await app.SignInAsync(m.SpeakerEmail);
        var url = $"/events/{m.Slug}/sessions/{m.TalkId}/materials";
        var before = await app.SnapshotAsync(Tables);
        var files = FilesOnDisk();

        foreach (var (field, value) in new[] { ("Link.Kind", "slides-ish"), ("Link.Kind", ""), ("Link.Url", "javascript:alert(1)"), ("Link.Url", Huge),
            ("Link.Url", "https://user:pw@example.org/"), ("Link.Title", "a\u0000b"), ("Link.Title", new string('t', 121)) })
        {
            var fields = new Dictionary<string, string> { ["Link.Kind"] = "code", ["Link.Url"] = "https://example.org/code", ["Link.Title"] = "", [field] = value };
            await Social.SocialHostileInputTests.AssertFormRefusedAsync(browser, $"{url}?handler=Link", fields, $"link {field}", url);
        }
        foreach (var title in new[] { "a\u0000b", "\u0007", new string('t', 121) })
        {
            await Social.SocialHostileInputTests.AssertFormRefusedAsync(browser, $"{url}?handler=Rename&materialId={materialId}", new() { ["title"] = title }, "rename", url);
        }
        var token = FormPosting.AntiforgeryFrom(await browser.GetStringAsync(url));
        var two = PdfForm();
        two.Add(new ByteArrayContent(MaterialKit.Pdf()), "file", "second.pdf");
        two.Add(new StringContent(token), "__RequestVerificationToken");
        var twoFiles = await browser.PostAsync($"{url}?handler=Upload", two);
        Assert.Equal(HttpStatusCode.OK, twoFiles.StatusCode);
        Assert.Contains("Send one file at a time.", await twoFiles.Content.ReadAsStringAsync());

        var organiser = await app.SignInAsync($"org-{m.Slug}@example.org");
        var gallery = $"/events/{m.Slug}/gallery/manage";
        foreach (var lines in new[] { "javascript:alert(1) Day one", "https://user:pw@example.org/ Day one", "https://example.org/ a\u0000", Huge,
            string.Join("\n", Enumerable.Range(0, 31).Select(i => $"https://example.org/{i} D{i}")) })
        {
            await Social.SocialHostileInputTests.AssertFormRefusedAsync(organiser, gallery, new() { ["Lines"] = lines }, $"gallery {lines[..Math.Min(10, lines.Length)]}");
        }

        Assert.Equal(before, await app.SnapshotAsync(Tables));
        Assert.Equal(files, FilesOnDisk());
    }

    private static MultipartFormDataContent PdfForm(string name = "slides.pdf")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(MaterialKit.Pdf());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", name);
        return form;
    }

    private static IEnumerable<(string What, HttpContent Form)> UploadForms()
    {
        var onlyTitle = new MultipartFormDataContent { { new StringContent("Slides"), "title" } };
        yield return ("no file", onlyTitle);
        var wrongField = new MultipartFormDataContent { { new ByteArrayContent(MaterialKit.Pdf()), "document", "slides.pdf" } };
        yield return ("file under another name", wrongField);
        var two = PdfForm();
        two.Add(new ByteArrayContent(MaterialKit.Pdf()), "file", "second.pdf");
        yield return ("two files", two);
        var twoTitles = PdfForm();
        twoTitles.Add(new StringContent("One"), "title");
        twoTitles.Add(new StringContent("Two"), "title");
        yield return ("two titles", twoTitles);
        foreach (var title in new[] { "a\u0000b", "\u0007", new string('t', 121), Huge })
        {
            var form = PdfForm();
            form.Add(new StringContent(title), "title");
            yield return ($"title {title[..Math.Min(5, title.Length)]}", form);
        }
        yield return ("html named pdf", new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("<svg onload=alert(1)>")), "file", "x.pdf" } });
        yield return ("not multipart", new StringContent("%PDF-1.7", Encoding.UTF8, "application/pdf"));
        yield return ("urlencoded", new FormUrlEncodedContent(new Dictionary<string, string> { ["file"] = "%PDF-1.7" }));
    }
}
