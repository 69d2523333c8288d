using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>Lightning sessions: sign-up and the queue for attendees, line-up work for organisers, the MC's run sheet.</summary>
public static class LightningEndpoints
{
    public static IServiceCollection AddLightning(this IServiceCollection services)
    {
        services.AddNotificationKinds(LightningNotificationKinds.All);
        services.AddPersonalData<LightningPersonalData>();
        // Offers nobody confirmed pass on even when nobody opens a page.
        services.AddRecurringJob<LightningExpiryJob>(LightningExpiryJob.JobId, j => j.RunAsync(CancellationToken.None), LightningExpiryJob.Schedule);
        services.AddSingleton<LightningStore>();
        services.AddSingleton<LightningWebhooks>();
        services.AddSingleton<LightningSlides>();
        services.AddSingleton<LightningAccess>();
        services.AddSingleton<LightningExpiryJob>();
        services.AddSingleton<ISnapshotContributor, LightningLineupContributor>();
        return services;
    }

    public static IEndpointRouteBuilder MapLightningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events/{slug}/lightning").WithTags("Lightning talks");
        MapPublic(api);
        MapSpeaker(api.MapGroup("/{sessionId:long}/talks/mine").RequireAuthorization(Policies.SignedIn));
        MapOrganiser(api.MapGroup("/{sessionId:long}").RequireAuthorization(Policies.EventOrganiser));
        MapRunSheet(api.MapGroup("/{sessionId:long}/run-sheet"));

        app.MapGet("/events/{slug}/lightning/slides/{name}", async (string slug, string name, LightningSlides slides, LightningAccess access,
            LightningStore store, HttpContext http) =>
        {
            // Only under its own event's slug, and a hidden event's slides only for its team (like its pages).
            if (await access.VisibleAsync(http, slug) is not { } e || !await store.HasSlidesAsync(e.Id, name, http.RequestAborted)
                || slides.Find(name) is not { } path) return Results.NotFound();
            // Shown by the browser's PDF viewer, never run as anything else.
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; object-src 'none'; sandbox";
            return Results.File(path, "application/pdf", enableRangeProcessing: true);
        }).AllowAnonymous().WithTags("Lightning talks").WithSummary("A talk's uploaded slides (PDF); the random file name is the key");
        return app;
    }

    private static void MapPublic(RouteGroupBuilder api)
    {
        api.MapGet("", async (string slug, HttpContext http, LightningAccess access, LightningStore store, TimeProvider clock) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return Results.NotFound();
            var list = new List<LightningSessionResponse>();
            foreach (var s in await store.ListAsync(e, http.RequestAborted))
            {
                if (await store.LoadAsync(e, s.SessionId, http.RequestAborted) is { } l) list.Add(l.AsResponse(slug, http.User.UserId(), clock.GetUtcNow()));
            }
            return Results.Ok(list);
        }).AllowAnonymous().Produces<List<LightningSessionResponse>>()
        .WithSummary("Lightning sessions with slots, sign-up window and counts; the line-up once locked; your own talk when signed in");

        api.MapGet("/{sessionId:long}", async (string slug, long sessionId, HttpContext http, LightningAccess access, LightningStore store, TimeProvider clock) =>
            await access.VisibleAsync(http, slug) is { } e && await store.LoadAsync(e, sessionId, http.RequestAborted) is { } l
                ? Results.Ok(l.AsResponse(slug, http.User.UserId(), clock.GetUtcNow()))
                : Results.NotFound())
            .AllowAnonymous().Produces<LightningSessionResponse>()
            .WithSummary("One lightning session; \"mine\" is your talk with its status and position (running order or waitlist)");

        api.MapPost("/{sessionId:long}/talks", async (string slug, long sessionId, SignUpInput input, HttpContext http, LightningAccess access, LightningStore store,
            TimeProvider clock) =>
        {
            var v = new Validator();
            if (LightningRules.Validate(input, v) is not { } values) return v.Problem();
            if (await access.VisibleAsync(http, slug) is not { } e) return Results.NotFound();
            var userId = http.User.RequiredUserId();
            var write = await store.SignUpAsync(e, sessionId, userId, values, v, http.RequestAborted);
            if (write.Outcome != LightningOutcome.Done) return Answer(write, v);
            var l = (await store.LoadAsync(e, sessionId, http.RequestAborted))!;
            var mine = l.AsResponse(l.Find(write.TalkId!.Value)!, slug);
            var location = $"/api/events/{slug}/lightning/{sessionId}";
            return mine.Status == TalkStatuses.Confirmed ? Results.Created(location, mine) : Results.Accepted(location, mine);
        }).RequireAuthorization(Policies.SignedIn).Produces<TalkResponse>(StatusCodes.Status201Created).Produces<TalkResponse>(StatusCodes.Status202Accepted)
        .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem()
        .WithSummary("Sign up with a title, a one-line description and an optional slides link: 201 with a slot, 202 on the waitlist (position says where), 409 when closed, locked or you already have a talk here");
    }

    private static void MapSpeaker(RouteGroupBuilder mine)
    {
        mine.MapPost("/confirm", async (string slug, long sessionId, HttpContext http, LightningAccess access, LightningStore store) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return Results.NotFound();
            var v = new Validator();
            var write = await store.ConfirmAsync(e, sessionId, http.User.RequiredUserId(), v, http.RequestAborted);
            return write.Outcome == LightningOutcome.Done ? await MineAsync(e, sessionId, write.TalkId!.Value, store, http) : Answer(write, v);
        }).Produces<TalkResponse>().WithSummary("Confirm the slot you were offered from the waitlist, before it passes to the next person");

        mine.MapDelete("", async (string slug, long sessionId, HttpContext http, LightningAccess access, LightningStore store) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return Results.NotFound();
            var v = new Validator();
            var write = await store.WithdrawAsync(e, sessionId, http.User.RequiredUserId(), null, v, http.RequestAborted);
            return write.Outcome == LightningOutcome.Done ? Results.NoContent() : Answer(write, v);
        }).WithSummary("Withdraw your talk (or leave the waitlist); a freed slot is offered to the first person waiting");

        mine.MapPost("/slides/upload", async (string slug, long sessionId, HttpContext http, LightningAccess access, LightningStore store, LightningSlides slides) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return Results.NotFound();
            var v = new Validator();
            if (!http.Request.HasFormContentType) { v.Add("slides", "Send the PDF as multipart/form-data in a field named slides."); return v.Problem(); }
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form.Files.GetFile("slides") is not { } file) { v.Add("slides", "Choose a PDF file."); return v.Problem(); }
            var userId = http.User.RequiredUserId();
            if ((await store.LoadAsync(e, sessionId, http.RequestAborted))?.ActiveOf(userId) is null) return Results.NotFound();
            await using var stream = file.OpenReadStream();
            if (await slides.SaveAsync(stream, file.Length, v, http.RequestAborted) is not { } name) return v.Problem();
            var (write, replaced) = await store.SetSlidesFileAsync(e, sessionId, userId, name, http.RequestAborted);
            if (write.Outcome != LightningOutcome.Done) { slides.Delete(name); return Answer(write, v); }
            slides.Delete(replaced);
            return await MineAsync(e, sessionId, write.TalkId!.Value, store, http);
        }).DisableAntiforgery() // an API call (token or same-site cookie), not a page form; the page posts through its own antiforgery-checked form
        .Produces<TalkResponse>().ProducesValidationProblem()
        .WithSummary($"Upload your slides as a PDF (multipart field \"slides\", at most {LightningRules.MaxSlidesBytes / 1024 / 1024} MB); replaces an earlier upload");
    }

    private static void MapOrganiser(RouteGroupBuilder org)
    {
        org.MapPut("/settings", async (string slug, long sessionId, LightningSettingsInput input, EventStore events, LightningStore store, HttpContext http, TimeProvider clock) =>
        {
            if (await events.FindAsync(slug) is not { } e) return Results.NotFound();
            var v = new Validator();
            var write = await store.ConfigureAsync(e, sessionId, input, v, http.RequestAborted);
            if (write.Outcome != LightningOutcome.Done) return Answer(write, v);
            return Results.Ok((await store.LoadAsync(e, sessionId))!.AsOrganiserResponse(slug, clock.GetUtcNow()));
        }).Produces<OrganiserLineupResponse>().ProducesValidationProblem()
        .WithSummary("Open a lightning session (of kind lightning, on the schedule) for sign-up, or change it: slot length, changeover, window (local times), held-back slots, first-timer priority, time to confirm (organisers)");

        org.MapGet("/talks", async (string slug, long sessionId, EventStore events, LightningStore store, TimeProvider clock) =>
            await events.FindAsync(slug) is { } e && await store.LoadAsync(e, sessionId) is { } l
                ? Results.Ok(l.AsOrganiserResponse(slug, clock.GetUtcNow()))
                : Results.NotFound())
            .Produces<OrganiserLineupResponse>()
            .WithSummary("The running order, the waitlist and past sign-ups with speakers, slides and outcomes, and the MC's run-sheet link (organisers)");

        org.MapPut("/order", async (string slug, long sessionId, ReorderInput input, EventStore events, LightningStore store, TimeProvider clock) =>
        {
            var v = new Validator();
            if (input.Version is null) v.Add("version", "Send the line-up version you read, so a change made meanwhile is not overwritten.");
            if (input.TalkIds is null) v.Add("talkIds", "Send the talk ids in their new running order.");
            if (v.HasErrors) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return Results.NotFound();
            var write = await store.ReorderAsync(e, sessionId, input.Version!.Value, input.TalkIds!, v);
            return write.Outcome == LightningOutcome.Done ? Results.Ok((await store.LoadAsync(e, sessionId))!.AsOrganiserResponse(slug, clock.GetUtcNow())) : Answer(write, v);
        }).Produces<OrganiserLineupResponse>()
        .WithSummary("Set the running order (every talk holding a slot, once); 409 when the line-up changed since the version sent (organisers)");

        org.MapPost("/talks/{talkId:long}/move", async (string slug, long sessionId, long talkId, MoveInput input, EventStore events, LightningStore store, TimeProvider clock) =>
        {
            var v = new Validator();
            if (input.ToSessionId is null) { v.Add("toSessionId", "Choose the lightning session to move the talk to."); return v.Problem(); }
            if (await events.FindAsync(slug) is not { } e) return Results.NotFound();
            var write = await store.MoveAsync(e, sessionId, talkId, input.ToSessionId.Value, v);
            return write.Outcome == LightningOutcome.Done
                ? Results.Ok((await store.LoadAsync(e, input.ToSessionId.Value))!.AsOrganiserResponse(slug, clock.GetUtcNow()))
                : Answer(write, v);
        }).Produces<OrganiserLineupResponse>()
        .WithSummary("Move a talk to a free slot of another lightning session of the event (both unlocked); its speaker is told (organisers)");

        org.MapDelete("/talks/{talkId:long}", async (string slug, long sessionId, long talkId, EventStore events, LightningStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e) return Results.NotFound();
            var v = new Validator();
            var write = await store.WithdrawAsync(e, sessionId, null, talkId, v);
            return write.Outcome == LightningOutcome.Done ? Results.NoContent() : Answer(write, v);
        }).WithSummary("Remove a talk or a waiting sign-up; a freed slot is offered to the first person waiting unless the line-up is locked (organisers)");

        org.MapPost("/lock", (string slug, long sessionId, EventStore events, LightningStore store, TimeProvider clock) => LockAsync(slug, sessionId, true, events, store, clock))
            .Produces<OrganiserLineupResponse>()
            .WithSummary("Lock the line-up: sign-up closes and the running order appears in the public schedule, exports and kiosk at once (organisers)");

        org.MapDelete("/lock", (string slug, long sessionId, EventStore events, LightningStore store, TimeProvider clock) => LockAsync(slug, sessionId, false, events, store, clock))
            .Produces<OrganiserLineupResponse>()
            .WithSummary("Unlock the line-up: it leaves the public schedule, sign-up reopens within its window and free slots go to the waitlist (organisers)");

        org.MapPut("/talks/{talkId:long}/outcome", async (string slug, long sessionId, long talkId, OutcomeInput input, EventStore events, LightningStore store) =>
        {
            var v = new Validator();
            var outcome = string.IsNullOrWhiteSpace(input.Outcome) ? null : input.Outcome.Trim().ToLowerInvariant();
            if (outcome is not null && !TalkOutcomes.All.Contains(outcome)) { v.Add("outcome", "Outcome is given, no-show, or empty to clear it."); return v.Problem(); }
            if (await events.FindAsync(slug) is not { } e) return Results.NotFound();
            var write = await store.SetOutcomeAsync(e, sessionId, talkId, outcome, v);
            return write.Outcome == LightningOutcome.Done ? Results.NoContent() : Answer(write, v);
        }).WithSummary("Mark a talk given or no-show (or clear it) once the session has started (organisers)");
    }

    private static void MapRunSheet(RouteGroupBuilder run)
    {
        run.MapGet("", async (string slug, long sessionId, string? key, HttpContext http, EventStore events, LightningStore store, LightningAccess access, TimeProvider clock) =>
            await RunnableAsync(slug, sessionId, key, http, events, store, access) is { } found
                ? Results.Ok(found.Lineup.AsRunSheet(slug, clock.GetUtcNow()))
                : Results.NotFound())
            .AllowAnonymous().Produces<RunSheetResponse>()
            .WithSummary("The MC's run sheet: running order, on now (with when it started) and next, the called speaker, slot length, server time (organisers, or ?key= from the run-sheet link)");

        run.MapGet("/version", async (string slug, long sessionId, string? key, HttpContext http, EventStore events, LightningStore store, LightningAccess access) =>
            await RunnableAsync(slug, sessionId, key, http, events, store, access) is { } found
                ? Results.Ok(new LineupVersion(found.Lineup.Session.LineupVersion))
                : Results.NotFound())
            .AllowAnonymous().Produces<LineupVersion>()
            .WithSummary("The line-up's version only, for the run sheet to poll cheaply and refresh when it changes");

        run.MapPost("/start", async (string slug, long sessionId, string? key, RunSheetInput input, HttpContext http, EventStore events, LightningStore store,
            LightningAccess access, TimeProvider clock) =>
        {
            if (await RunnableAsync(slug, sessionId, key, http, events, store, access) is not { } found) return Results.NotFound();
            var v = new Validator();
            if (input.TalkId is null) { v.Add("talkId", "Say which talk starts."); return v.Problem(); }
            var write = await store.StartTalkAsync(found.Event, sessionId, input.TalkId.Value, v);
            return write.Outcome == LightningOutcome.Done
                ? Results.Ok((await store.LoadAsync(found.Event, sessionId))!.AsRunSheet(slug, clock.GetUtcNow()))
                : Answer(write, v);
        }).AllowAnonymous().Produces<RunSheetResponse>()
        .WithSummary("Start a talk: its countdown runs from now; the talk that was on is marked given (organisers, or ?key=)");

        run.MapPost("/call", async (string slug, long sessionId, string? key, RunSheetInput input, HttpContext http, EventStore events, LightningStore store,
            LightningAccess access, TimeProvider clock) =>
        {
            if (await RunnableAsync(slug, sessionId, key, http, events, store, access) is not { } found) return Results.NotFound();
            var v = new Validator();
            if (input.TalkId is null) { v.Add("talkId", "Say which speaker to call."); return v.Problem(); }
            var write = await store.CallAsync(found.Event, sessionId, input.TalkId.Value, v);
            return write.Outcome == LightningOutcome.Done
                ? Results.Ok((await store.LoadAsync(found.Event, sessionId))!.AsRunSheet(slug, clock.GetUtcNow()))
                : Answer(write, v);
        }).AllowAnonymous().Produces<RunSheetResponse>()
        .WithSummary("Call the next speaker to the stage: shown on the run sheet and sent to them (organisers, or ?key=)");
    }

    private static async Task<IResult> LockAsync(string slug, long sessionId, bool locked, EventStore events, LightningStore store, TimeProvider clock)
    {
        if (await events.FindAsync(slug) is not { } e) return Results.NotFound();
        var v = new Validator();
        var write = await store.LockAsync(e, sessionId, locked, v);
        return write.Outcome == LightningOutcome.Done ? Results.Ok((await store.LoadAsync(e, sessionId))!.AsOrganiserResponse(slug, clock.GetUtcNow())) : Answer(write, v);
    }

    internal static async Task<(EventRow Event, Lineup Lineup)?> RunnableAsync(string slug, long sessionId, string? key, HttpContext http, EventStore events,
        LightningStore store, LightningAccess access)
    {
        if (await events.FindAsync(slug, http.RequestAborted) is not { } e) return null;
        if (await store.LoadAsync(e, sessionId, http.RequestAborted) is not { } l) return null;
        return await access.CanRunAsync(http, slug, l.Session, key) ? (e, l) : null;
    }

    private static async Task<IResult> MineAsync(EventRow e, long sessionId, long talkId, LightningStore store, HttpContext http)
    {
        var l = (await store.LoadAsync(e, sessionId, http.RequestAborted))!;
        return l.Find(talkId) is { } t ? Results.Ok(l.AsResponse(t, e.Slug)) : Results.NotFound();
    }

    /// <summary>Field problems are 400; a rule of the queue (closed, locked, full, one per person, stale version) is 409 with the reason.</summary>
    internal static IResult Answer(LightningWrite write, Validator v) => write.Outcome switch
    {
        LightningOutcome.NotFound => Results.NotFound(),
        LightningOutcome.Invalid => v.Problem(),
        _ => TypedResults.Problem(v.Errors.SelectMany(e => e.Value).FirstOrDefault(), statusCode: StatusCodes.Status409Conflict,
            title: write.Outcome == LightningOutcome.Stale ? "The line-up changed meanwhile" : "Not possible right now",
            extensions: new Dictionary<string, object?> { ["errors"] = v.Errors }),
    };
}
