using System.Globalization;
using System.Text;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Materials;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Demo;

/// <summary>
/// Materials on the demo's first day as it will look once it is over: the opening talk with its slides uploaded (a
/// real one-page PDF), a recording and the code; the CI talk with slides as a link and a recording; the observability
/// talk with its recording only; and the event's photo gallery. One talk of the day ("Packaging for three
/// distributions") has none yet, for a speaker to add. Runs once (it stops when the event has any material).
/// </summary>
public sealed class DemoMaterials : IDemoPart
{
    private const string Media = "https://media.fossmy.example/2026";

    public async Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct)
    {
        var e = data.RequireEvent();
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
        if (!sessions.TryGetValue("Kubernetes on a shoestring", out var k8s)) return; // no schedule in this demo

        var v = new Validator();
        var files = services.GetRequiredService<MaterialFiles>();
        await using (var pdf = new MemoryStream(OnePagePdf("Kubernetes on a shoestring", "Mei Lin Ong - FOSS.my 2026")))
        {
            var stored = await files.SaveAsync(pdf, "kubernetes-on-a-shoestring.pdf", v, ct) ?? throw Failed(v);
            await Check(store.AddFileAsync(e.Id, k8s.Id, k8s.Speaker, "Slides (PDF)", stored, v, ct), v);
        }
        await AddAsync(store, e.Id, k8s, MaterialRules.Recording, "Recording (42 min)", $"{Media}/kubernetes-on-a-shoestring", v, ct);
        await AddAsync(store, e.Id, k8s, MaterialRules.Code, "Cluster configuration on Codeberg", "https://codeberg.org/fossmy/shoestring-cluster", v, ct);
        if (sessions.TryGetValue("Securing your CI pipeline", out var ci))
        {
            await AddAsync(store, e.Id, ci, MaterialRules.Slides, "Slides", "https://slides.fossmy.example/2026/securing-your-ci-pipeline", v, ct);
            await AddAsync(store, e.Id, ci, MaterialRules.Recording, "Recording (39 min)", $"{Media}/securing-your-ci-pipeline", v, ct);
        }
        if (sessions.TryGetValue("Observability for small teams", out var obs))
            await AddAsync(store, e.Id, obs, MaterialRules.Recording, "Recording (40 min)", $"{Media}/observability-for-small-teams", v, ct);
        await store.ReplaceGalleryAsync(e.Id, [new GalleryLinkValues("Day 1: talks and the hallway", "https://photos.fossmy.example/2026/day-1"),
            new GalleryLinkValues("Day 2: workshops and the group photo", "https://photos.fossmy.example/2026/day-2")], ct);
        data.CountAdded(8);
    }

    private static Task AddAsync(MaterialStore store, long eventId, (long Id, long Speaker) session, string kind, string title, string url, Validator v,
        CancellationToken ct) =>
        Check(store.AddLinkAsync(eventId, session.Id, session.Speaker, new MaterialLinkValues(kind, title, url), v, ct), v);

    private static async Task Check(Task<(MaterialOutcome Outcome, MaterialRow? Row)> write, Validator v)
    {
        if ((await write).Outcome != MaterialOutcome.Done) throw Failed(v);
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
