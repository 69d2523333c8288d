using System.Globalization;
using System.Net;
using System.Text.Json;
using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;
using EventPlanner.Bench.Running;

namespace EventPlanner.Bench.Scenarios;

/// <summary>
/// The CfP closing rush (issue 5): every proposal of the call arrives at once, each from its own
/// speaker over the API, from many concurrent clients through real Kestrel. Then the database is
/// counted (nothing lost, nothing refused), the server is stopped, and single-row INSERT transactions
/// are timed on the very same SQLite file (or PostgreSQL database), so the app's rate is shown against the storage's floor.
/// </summary>
public sealed class CfpRushScenario : IScenario
{
    public const int MaxProposals = 2_000;
    public const int MaxClients = 100;
    public const string TitlePrefix = "[cfp-rush]";

    public string Name => "cfp-rush";
    public string Description =>
        $"the CfP closing rush: {MaxProposals:N0} proposals (create + submit, one request each) from {MaxClients} concurrent speakers; rows counted after; bare INSERT transactions on the same file as the floor";
    public IReadOnlyList<Scale> DefaultScales { get; } = [Scales.Fosdem];
    public bool RunsOnPostgres => true;

    /// <summary>The whole call arrives at once: the scale's proposals (fosdem 2,000, small 60), each from another account.</summary>
    public static int ProposalsAt(Scale scale) => Math.Min(MaxProposals, Math.Min(scale.Proposals, scale.Speakers + scale.Attendees));

    public async Task<ScenarioResult> RunAsync(BenchRun run, Scale scale, CancellationToken ct)
    {
        var result = new ScenarioResult { Scenario = Name, Scale = scale.Name };
        var data = await run.DatasetAsync(scale, ct);
        var count = ProposalsAt(scale);
        var clients = Math.Min(MaxClients, count);
        var slug = data.EventSlug;
        // The speakers of the scale first, then attendees submitting for the first time: one account per proposal.
        var tokens = Enumerable.Range(1, scale.Speakers).Select(i => UsersStep.Email(scale, "speaker", i))
            .Concat(Enumerable.Range(1, scale.Attendees).Select(i => UsersStep.Email(scale, "attendee", i)))
            .Take(count).Select(data.ApiToken).ToArray();

        await using var server = await run.StartServerAsync(scale, ct);
        BenchRun.RecordServer(result, server);
        var (typeId, minutes, trackIds) = await OpenCallAsync(server, scale, data.ApiToken(data.OrganiserEmail), ct);

        using var burst = new BurstClient(server, clients);
        // Every speaker's token is used once before the rush (as a speaker opens their proposals page before
        // submitting): its first use records last_used_at, a write that is not part of submitting.
        var warmup = await burst.RunAsync(count, i => BenchApi.Request(HttpMethod.Get, $"/api/events/{slug}/proposals/mine", tokens[i]),
            s => s == HttpStatusCode.OK, keepBodies: false, ct);
        result.Loads.Add(warmup.ToLoad($"warm-up: each speaker's first call, GET …/proposals/mine ({clients} clients)", $"/api/events/{slug}/proposals/mine"));
        run.Log($"    warm-up (first use of {count:N0} tokens): {warmup.PerSecond:N0} req/s, errors {warmup.Errors}");

        var path = $"/api/events/{slug}/proposals";
        var rush = await burst.RunAsync(count, i => BenchApi.Request(HttpMethod.Post, path, tokens[i], Proposal(i, typeId, minutes, trackIds)),
            s => s == HttpStatusCode.Created, keepBodies: true, ct);
        var label = $"POST …/proposals, submit: true ({count:N0} proposals, {clients} clients)";
        var rushLoad = rush.ToLoad(label, path);
        result.Loads.Add(rushLoad);
        run.Log($"    {label}: {rush.PerSecond:N0} proposals/s, p99 {rushLoad.Latency.P99Ms:F0} ms, errors {rush.Errors}");

        // What the speakers were told was saved, against what the database holds.
        var answered = rush.Replies.Where(r => r.Status == HttpStatusCode.Created && r.Body is not null)
            .Select(r => JsonDocument.Parse(r.Body!).RootElement.GetProperty("id").GetInt64()).ToHashSet();
        var stored = (await ServerDatabase.QueryAsync<long>(server,
            "SELECT id FROM proposals WHERE title LIKE @prefix AND state = 'submitted'", new { prefix = TitlePrefix + "%" }, ct)).ToHashSet();
        var lost = answered.Count(id => !stored.Contains(id));
        result.Figures.Add(new Figure("proposals stored (counted in the database)", stored.Count, "proposals"));
        result.Figures.Add(new Figure("lost (201 answered, row not in the database)", lost, "proposals"));
        result.Check("errors = 0", rush.Errors == 0, $"{rush.Errors} of {count:N0} requests not answered 201");
        result.Check("lost = 0", lost == 0, $"{lost} answered proposals missing from the database");
        result.Check($"stored = {count:N0}", stored.Count == count, $"{stored.Count:N0} submitted proposals in the database");
        BenchRun.RecordServer(result, server);
        BenchRun.RecordNodes(result, server);

        // The floor: the same file (or database), the server (every node) stopped, the same number of single-row transactions from as many tasks.
        await server.DisposeAsync();
        var bare = await BareInserts.RunAsync(server.Database, server.DataDirectory, count, clients, RushText,
            $"bare INSERT, one row per transaction ({count:N0} rows, {clients} tasks, same {(server.Database.IsPostgres ? "database" : "file")})", ct);
        result.Loads.Add(bare);
        run.Log($"    bare single-row INSERT transactions: {bare.RequestsPerSecond:N0} rows/s, p99 {bare.Latency.P99Ms:F0} ms");
        result.Ratios.Add(new Ratio("proposals/s over bare inserts/s", rush.PerSecond / bare.RequestsPerSecond,
            "share of the storage's single-row transaction rate the submit endpoint keeps"));
        result.Notes.Add("one request per proposal: POST with \"submit\": true creates and submits in one transaction, so the per-proposal and per-request figures are the same; " +
                         "each submission also writes the speaker's 'proposal received' mail after the commit (the default pickup-folder transport).");
        result.Notes.Add($"the call's deadline is moved to 3 hours from now through the organisers' API before the rush; the bare inserts go into a scratch table of proposals' width ({count:N0} rows, dropped after).");
        return result;
    }

    /// <summary>Opens the call until three hours from now (the generated call closed long ago) and picks the type and tracks to submit to.</summary>
    private static async Task<(long TypeId, int Minutes, long[] TrackIds)> OpenCallAsync(AppServer server, Scale scale, string organiserToken, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(scale.TimeZone);
        string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        var now = DateTimeOffset.UtcNow;
        var path = $"/api/events/{scale.EventSlug}/cfp";
        await BenchApi.CallAsync(server, HttpMethod.Put, path, organiserToken,
            new { opensAt = Local(now.AddDays(-30)), closesAt = Local(now.AddHours(3)), intro = "The call closes in three hours." }, HttpStatusCode.OK, ct);
        var cfp = await BenchApi.CallAsync(server, HttpMethod.Get, path, null, null, HttpStatusCode.OK, ct);
        if (!cfp.GetProperty("isOpen").GetBoolean()) throw new InvalidOperationException($"The call for papers is not open after moving its deadline: {cfp}");
        var talk = cfp.GetProperty("sessionTypes").EnumerateArray().First(t => t.GetProperty("name").GetString() == "Talk");
        var tracks = cfp.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToArray();
        return (talk.GetProperty("id").GetInt64(), talk.GetProperty("durations")[0].GetInt32(), tracks);
    }

    private static object Proposal(int i, long typeId, int minutes, long[] trackIds)
    {
        var (title, @abstract, description) = RushText(i);
        return new
        {
            title,
            @abstract,
            description,
            sessionTypeId = typeId,
            durationMinutes = minutes,
            trackIds = new[] { trackIds[i % trackIds.Length] },
            audienceLevel = "all",
            language = "English",
            submit = true,
        };
    }

    /// <summary>A proposal's text, of the generated proposals' size; the same for the bare inserts.</summary>
    public static (string Title, string Abstract, string Description) RushText(int i)
    {
        var random = new Random(i);
        return ($"{TitlePrefix} {i + 1:D4} {Names.Sentence(random, 5).TrimEnd('.')}",
            Names.Paragraph(random, 3),
            $"{Names.Paragraph(random, 3)}\n\n## Outline\n\n1. {Names.Sentence(random, 6)}\n2. {Names.Sentence(random, 6)}");
    }
}
