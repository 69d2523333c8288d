using System.Net;
using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;
using EventPlanner.Bench.Running;

namespace EventPlanner.Bench.Scenarios;

/// <summary>
/// The ticket rush (issue 8): five times more registration attempts than places, each from its own
/// attendee over the API, from many concurrent clients through real Kestrel. Sold out, waiting list
/// and refusal are answers, not errors; what must hold is that exactly the quota is sold, which is
/// counted in the database afterwards.
/// </summary>
public sealed class TicketRushScenario : IScenario
{
    public const int MaxAttempts = 5_000;
    public const int MaxClients = 200;
    public const int AttemptsPerPlace = 5;

    public string Name => "ticket-rush";
    public string Description =>
        $"the ticket rush: {MaxAttempts:N0} registrations (one request each) from {MaxClients} concurrent attendees for {MaxAttempts / AttemptsPerPlace:N0} free places; sold counted after (must equal the quota)";
    public IReadOnlyList<Scale> DefaultScales { get; } = [Scales.Fosdem];
    public bool RunsOnPostgres => true;

    /// <summary>fosdem: 5,000 attempts for 1,000 places; a smaller scale uses all its attendees, five per place.</summary>
    public static (int Attempts, int Quota) SizeAt(Scale scale)
    {
        var attempts = Math.Min(MaxAttempts, scale.Attendees);
        return (attempts, attempts / AttemptsPerPlace);
    }

    public async Task<ScenarioResult> RunAsync(BenchRun run, Scale scale, CancellationToken ct)
    {
        var result = new ScenarioResult { Scenario = Name, Scale = scale.Name };
        var data = await run.DatasetAsync(scale, ct);
        var (attempts, quota) = SizeAt(scale);
        var clients = Math.Min(MaxClients, attempts);
        var slug = data.EventSlug;
        var tokens = Enumerable.Range(1, attempts).Select(i => data.ApiToken(UsersStep.Email(scale, "attendee", i))).ToArray();

        await using var server = await run.StartServerAsync(scale, ct);
        BenchRun.RecordServer(result, server);
        var type = await BenchApi.CallAsync(server, HttpMethod.Post, $"/api/events/{slug}/ticket-types", data.ApiToken(data.OrganiserEmail), new
        {
            name = "Rush day pass",
            description = "Free; one per person.",
            price = 0m,
            currency = "EUR",
            quota,
            perOrderLimit = 1,
            transferability = "transferable",
        }, HttpStatusCode.Created, ct);
        var typeId = type.GetProperty("id").GetInt64();

        using var burst = new BurstClient(server, clients);
        // Each attendee's token is used once before the rush (they look at their tickets while waiting for the
        // sale): its first use records last_used_at, a write that is not part of registering.
        var warmup = await burst.RunAsync(attempts, i => BenchApi.Request(HttpMethod.Get, "/api/my/tickets", tokens[i]),
            s => s == HttpStatusCode.OK, keepBodies: false, ct);
        result.Loads.Add(warmup.ToLoad($"warm-up: each attendee's first call, GET /api/my/tickets ({clients} clients)", "/api/my/tickets"));
        run.Log($"    warm-up (first use of {attempts:N0} tokens): {warmup.PerSecond:N0} req/s, errors {warmup.Errors}");

        // Half the attendees would rather wait for a place than be told it is sold out.
        var path = $"/api/events/{slug}/registrations";
        var rush = await burst.RunAsync(attempts, i => BenchApi.Request(HttpMethod.Post, path, tokens[i], new
            {
                ticketTypeId = typeId,
                attendees = new[] { new { badgeName = $"Rush attendee {i + 1}", tshirtSize = "", dietary = "" } },
                joinWaitingList = i % 2 == 0,
            }),
            s => s is HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.Conflict, keepBodies: false, ct);
        var label = $"POST …/registrations ({attempts:N0} attempts, {clients} clients, {quota:N0} places)";
        var load = rush.ToLoad(label, path);
        result.Loads.Add(load);
        run.Log($"    {label}: {rush.PerSecond:N0} req/s, p99 {load.Latency.P99Ms:F0} ms, errors {rush.Errors}");

        var sold = await ServerDatabase.ScalarAsync<long>(server,
            "SELECT COUNT(*) FROM tickets WHERE ticket_type_id = @typeId AND status = 'valid'", new { typeId }, ct);
        var taken = await ServerDatabase.ScalarAsync<long>(server, "SELECT taken FROM ticket_types WHERE id = @typeId", new { typeId }, ct);
        var waiting = await ServerDatabase.ScalarAsync<long>(server,
            "SELECT COUNT(*) FROM waiting_list WHERE ticket_type_id = @typeId AND status = 'waiting'", new { typeId }, ct);
        int created = rush.Count(HttpStatusCode.Created), accepted = rush.Count(HttpStatusCode.Accepted), conflict = rush.Count(HttpStatusCode.Conflict);
        result.Figures.Add(new Figure($"sold, counted in the database (must be exactly {quota:N0})", sold, "tickets"));
        result.Figures.Add(new Figure("201 registered", created, "answers"));
        result.Figures.Add(new Figure("202 on the waiting list", accepted, "answers"));
        result.Figures.Add(new Figure("409 sold out", conflict, "answers"));
        result.Figures.Add(new Figure("waiting list, counted in the database", waiting, "entries"));
        result.Check($"sold = {quota:N0}", sold == quota, $"{sold:N0} valid tickets of the type, quota counter {taken:N0}");
        result.Check("errors = 0", rush.Errors == 0, $"{rush.Errors} of {attempts:N0} requests answered neither 201, 202 nor 409");
        result.Check("201 answers = tickets sold", created == sold, $"{created:N0} answered registered, {sold:N0} tickets");
        result.Check("202 answers = waiting list", accepted == waiting, $"{accepted:N0} answered waiting, {waiting:N0} on the list");
        if (sold != quota) run.Log($"    FAIL: sold {sold:N0} tickets for a quota of {quota:N0}");
        BenchRun.RecordServer(result, server);
        BenchRun.RecordNodes(result, server);
        result.Notes.Add($"a free ticket type with a quota of {quota:N0} is added through the organisers' API first; even attempts join the waiting list when sold out (202), odd ones are told sold out (409).");
        result.Notes.Add("each registration also sends the attendee's ticket mail after the commit (the default pickup-folder transport).");
        return result;
    }
}
