using System.Globalization;
using System.Text;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Materials;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Demo;

/// <summary>
/// Materials of last week's meetup (<see cref="DemoFeedback"/>), so its after-the-talks story is whole: ratings, a
/// closed survey, and the Forgejo talk with its slides uploaded (a real one-page PDF), a recording and the code; the
/// Weblate talk with slides as a link and a recording; the Debian packaging talk with its recording and the packaging
/// guide it used; the meetup's photo gallery. The lightning talks have none yet, for a speaker to add. The big event
/// (<see cref="DemoEvent"/>) is weeks ahead, so it has none. Runs once (it stops when the meetup has any material).
/// </summary>
public sealed class DemoMaterials : IDemoPart
{
    private const string Media = "https://media.fossmy.example/meetup-12";

    public async Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct)
    {
        if (await services.GetRequiredService<EventStore>().FindAsync(DemoFeedback.Slug, ct) is not { } e) return; // no past meetup in this demo
        var store = services.GetRequiredService<MaterialStore>();
        if ((await store.ListForEventAsync(e.Id, ct)).Count > 0) return;
        Dictionary<string, (long Id, long Speaker)> sessions;
        await using (var c = await services.GetRequiredService<Db>().OpenAsync(ct))
        {
            sessions = (await c.QueryAsync<(string Title, long Id, long Speaker)>("""
                SELECT s.title, s.id, sp.user_id FROM schedule_sessions s JOIN schedule_session_speakers sp ON sp.session_id = s.id
                WHERE s.event_id = @Id
                """, new { e.Id })).GroupBy(r => r.Title).ToDictionary(g => g.Key, g => (g.First().Id, g.First().Speaker));
        }
        if (!sessions.TryGetValue("Running Forgejo for a university", out var forgejo)) return;

        var v = new Validator();
        var files = services.GetRequiredService<MaterialFiles>();
        await using (var pdf = new MemoryStream(OnePagePdf("Running Forgejo for a university", "FOSS.my Meetup #12")))
        {
            var stored = await files.SaveAsync(pdf, "running-forgejo-for-a-university.pdf", v, ct) ?? throw Failed(v);
            await Check(store.AddFileAsync(e.Id, forgejo.Id, forgejo.Speaker, "Slides (PDF)", stored, v, ct), v);
        }
        await AddAsync(store, e.Id, forgejo, MaterialRules.Recording, "Recording (34 min)", $"{Media}/running-forgejo-for-a-university", v, ct);
        await AddAsync(store, e.Id, forgejo, MaterialRules.Code, "Ansible roles on Codeberg", "https://codeberg.org/fossmy/forgejo-campus", v, ct);
        var added = 3;
        if (sessions.TryGetValue("Bahasa Melayu translations with Weblate", out var weblate))
        {
            await AddAsync(store, e.Id, weblate, MaterialRules.Slides, "Slides", "https://slides.fossmy.example/meetup-12/weblate", v, ct);
            await AddAsync(store, e.Id, weblate, MaterialRules.Recording, "Recording (31 min)", $"{Media}/bahasa-melayu-translations-with-weblate", v, ct);
            added += 2;
        }
        if (sessions.TryGetValue("Your first Debian package", out var debian))
        {
            await AddAsync(store, e.Id, debian, MaterialRules.Recording, "Recording (36 min)", $"{Media}/your-first-debian-package", v, ct);
            await AddAsync(store, e.Id, debian, MaterialRules.Paper, "Debian New Maintainers' Guide", "https://www.debian.org/doc/manuals/maint-guide/", v, ct);
            added += 2;
        }
        await store.ReplaceGalleryAsync(e.Id, [new GalleryLinkValues("Meetup #12: talks and the group photo", "https://photos.fossmy.example/meetup-12")], ct);
        data.CountAdded(added + 1);
    }

    private static Task AddAsync(MaterialStore store, long eventId, (long Id, long Speaker) session, string kind, string title, string url, Validator v,
        CancellationToken ct) =>
        Check(store.AddLinkAsync(eventId, session.Id, session.Speaker, new MaterialLinkValues(kind, title, url), v, ct), v);

    private static async Task Check(Task<WriteResult<MaterialRow>> write, Validator v)
    {
        if (!(await write).IsOk) throw Failed(v);
    }

    private static InvalidOperationException Failed(Validator v) => new("Demo materials: " + string.Join("; ", v.Errors.SelectMany(x => x.Value)));

    /// <summary>A one-page PDF with a title and a line (Helvetica, no images), with a correct cross-reference table.</summary>
    public static byte[] OnePagePdf(string title, string line)
    {
        static string Esc(string s) => s.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)");
        var content = $"BT /F1 28 Tf 60 300 Td ({Esc(title)}) Tj ET\nBT /F1 14 Tf 60 260 Td ({Esc(line)}) Tj ET\n";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 640 400] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {Encoding.ASCII.GetByteCount(content)} >>\nstream\n{content}endstream",
        ];
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(sb.ToString()));
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(sb.ToString());
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }
}
