using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

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
        services.AddSingleton<LightningQueueStore>();
        services.AddSingleton<LightningLineupStore>();
        services.AddSingleton<LightningRunSheetStore>();
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

        app.MapGet("/events/{slug}/lightning/slides/{name}", async Task<Results<PhysicalFileHttpResult, NotFound>> (string slug, string name, LightningSlides slides, LightningAccess access,
            LightningLineupStore store, HttpContext http) =>
        {
            // Only under its own event's slug, and a hidden event's slides only for its team (like its pages).
            if (await access.VisibleAsync(http, slug) is not { } e || !await store.HasSlidesAsync(e.Id, name, http.RequestAborted)
                || slides.Find(name) is not { } path) return TypedResults.NotFound();
            // Shown by the browser's PDF viewer, never run as anything else.
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; object-src 'none'; sandbox";
            return TypedResults.PhysicalFile(path, "application/pdf", enableRangeProcessing: true);
        }).AllowAnonymous().WithTags("Lightning talks").WithSummary("A talk's uploaded slides (PDF); the random file name is the key");
        return app;
    }

    private static void MapPublic(RouteGroupBuilder api)
    {
        api.MapGet("", async Task<Results<Ok<List<LightningSessionResponse>>, NotFound>> (string slug, HttpContext http, LightningAccess access, LightningLineupStore store, TimeProvider clock) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var list = new List<LightningSessionResponse>();
            foreach (var s in await store.ListAsync(e, http.RequestAborted))
            {
                if (await store.LoadAsync(e, s.SessionId, http.RequestAborted) is { } l) list.Add(l.AsResponse(slug, http.User.UserId(), clock.GetUtcNow()));
            }
            return TypedResults.Ok(list);
        }).AllowAnonymous()
        .WithSummary("Lightning sessions with slots, sign-up window and counts; the line-up once locked; your own talk when signed in");

        api.MapGet("/{sessionId:long}", async Task<Results<Ok<LightningSessionResponse>, NotFound>> (string slug, long sessionId, HttpContext http, LightningAccess access, LightningLineupStore store, TimeProvider clock) =>
            await access.VisibleAsync(http, slug) is { } e && await store.LoadAsync(e, sessionId, http.RequestAborted) is { } l
                ? TypedResults.Ok(l.AsResponse(slug, http.User.UserId(), clock.GetUtcNow()))
                : TypedResults.NotFound())
            .AllowAnonymous()
            .WithSummary("One lightning session; \"mine\" is your talk with its status and position (running order or waitlist)");

        api.MapPost("/{sessionId:long}/talks", async Task<Results<Results<Created<TalkResponse>, Accepted<TalkResponse>>, ValidationProblem, NotFound, ProblemHttpResult>> (
            string slug, long sessionId, SignUpInput input, HttpContext http, LightningAccess access, LightningQueueStore queue, LightningLineupStore store) =>
        {
            var v = new Validator();
            if (LightningRules.Validate(input, v) is not { } values) return v.Problem();
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var userId = http.User.RequiredUserId();
            var write = await queue.SignUpAsync(e, sessionId, userId, values, v, http.RequestAborted);
            return await write.ToHttpAsync<long?, Results<Created<TalkResponse>, Accepted<TalkResponse>>>(async talkId =>
            {
                var l = (await store.LoadAsync(e, sessionId, http.RequestAborted))!;
                var mine = l.AsResponse(l.Find(talkId!.Value)!, slug);
                var location = $"/api/events/{slug}/lightning/{sessionId}";
                return mine.Status == TalkStatuses.Confirmed ? TypedResults.Created(location, mine) : TypedResults.Accepted(location, mine);
            });
        }).RequireAuthorization(Policies.SignedIn).ProducesProblem(StatusCodes.Status409Conflict)
        .WithSummary("Sign up with a title, a one-line description and an optional slides link: 201 with a slot, 202 on the waitlist (position says where), 409 when closed, locked or you already have a talk here");
    }

    private static void MapSpeaker(RouteGroupBuilder mine)
    {
        mine.MapPost("/confirm", async Task<Results<Results<Ok<TalkResponse>, NotFound>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long sessionId, HttpContext http, LightningAccess access, LightningQueueStore queue, LightningLineupStore store) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            var write = await queue.ConfirmAsync(e, sessionId, http.User.RequiredUserId(), v, http.RequestAborted);
            return await write.ToHttpAsync(talkId => MineAsync(e, sessionId, talkId!.Value, store, http));
        }).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Confirm the slot you were offered from the waitlist, before it passes to the next person");

        mine.MapDelete("", async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long sessionId, HttpContext http, LightningAccess access, LightningQueueStore queue) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            var write = await queue.WithdrawAsync(e, sessionId, http.User.RequiredUserId(), null, v, http.RequestAborted);
            return write.ToHttp(_ => TypedResults.NoContent());
        }).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Withdraw your talk (or leave the waitlist); a freed slot is offered to the first person waiting");

        mine.MapPost("/slides/upload", async Task<Results<Results<Ok<TalkResponse>, NotFound>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long sessionId, HttpContext http, LightningAccess access, LightningLineupStore store, LightningSlides slides) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            if (!http.Request.HasFormContentType) { v.Add("slides", "Send the PDF as multipart/form-data in a field named slides."); return v.Problem(); }
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form.Files.GetFile("slides") is not { } file) { v.Add("slides", "Choose a PDF file."); return v.Problem(); }
            var userId = http.User.RequiredUserId();
            if ((await store.LoadAsync(e, sessionId, http.RequestAborted))?.ActiveOf(userId) is null) return TypedResults.NotFound();
            await using var stream = file.OpenReadStream();
            if (await slides.SaveAsync(stream, file.Length, v, http.RequestAborted) is not { } name) return v.Problem();
            var (write, replaced) = await store.SetSlidesFileAsync(e, sessionId, userId, name, http.RequestAborted);
            slides.Delete(write.IsOk ? replaced : name);
            return await write.ToHttpAsync(talkId => MineAsync(e, sessionId, talkId!.Value, store, http));
        }).DisableAntiforgery() // an API call (token or same-site cookie), not a page form; the page posts through its own antiforgery-checked form
        .ProducesProblem(StatusCodes.Status409Conflict)
        .WithSummary($"Upload your slides as a PDF (multipart field \"slides\", at most {LightningRules.MaxSlidesBytes / 1024 / 1024} MB); replaces an earlier upload");
    }

    private static void MapOrganiser(RouteGroupBuilder org)
    {
        org.MapPut("/settings", async Task<Results<Ok<OrganiserLineupResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long sessionId, LightningSettingsInput input, EventStore events, LightningLineupStore store, HttpContext http, TimeProvider clock) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            var write = await store.ConfigureAsync(e, sessionId, input, v, http.RequestAborted);
            return await write.ToHttpAsync(_ => LineupAsync(e, slug, sessionId, store, clock));
        }).ProducesProblem(StatusCodes.Status409Conflict)
        .WithSummary("Open a lightning session (of kind lightning, on the schedule) for sign-up, or change it: slot length, changeover, window (local times), held-back slots, first-timer priority, time to confirm (organisers)");

        org.MapGet("/talks", async Task<Results<Ok<OrganiserLineupResponse>, NotFound>> (string slug, long sessionId, EventStore events, LightningLineupStore store, TimeProvider clock) =>
            await events.FindAsync(slug) is { } e && await store.LoadAsync(e, sessionId) is { } l
                ? TypedResults.Ok(l.AsOrganiserResponse(slug, clock.GetUtcNow()))
                : TypedResults.NotFound())
            .WithSummary("The running order, the waitlist and past sign-ups with speakers, slides and outcomes, and the MC's run-sheet link (organisers)");

        org.MapPut("/order", async Task<Results<Ok<OrganiserLineupResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long sessionId, ReorderInput input, EventStore events, LightningLineupStore store, TimeProvider clock) =>
        {
            var v = new Validator();
            if (input.Version is null) v.Add("version", "Send the line-up version you read, so a change made meanwhile is not overwritten.");
            if (input.TalkIds is null) v.Add("talkIds", "Send the talk ids in their new running order.");
            if (v.HasErrors) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var write = await store.ReorderAsync(e, sessionId, input.Version!.Value, input.TalkIds!, v);
            return await write.ToHttpAsync(_ => LineupAsync(e, slug, sessionId, store, clock));
        }).ProducesProblem(StatusCodes.Status409Conflict)
        .WithSummary("Set the running order (every talk holding a slot, once); 409 when the line-up changed since the version sent (organisers)");

        org.MapPost("/talks/{talkId:long}/move", async Task<Results<Ok<OrganiserLineupResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long sessionId, long talkId, MoveInput input, EventStore events, LightningLineupStore store, TimeProvider clock) =>
        {
            var v = new Validator();
            if (input.ToSessionId is null) { v.Add("toSessionId", "Choose the lightning session to move the talk to."); return v.Problem(); }
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var write = await store.MoveAsync(e, sessionId, talkId, input.ToSessionId.Value, v);
            return await write.ToHttpAsync(_ => LineupAsync(e, slug, input.ToSessionId.Value, store, clock));
        }).ProducesProblem(StatusCodes.Status409Conflict)
        .WithSummary("Move a talk to a free slot of another lightning session of the event (both unlocked); its speaker is told (organisers)");

        org.MapDelete("/talks/{talkId:long}", async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long sessionId, long talkId, EventStore events, LightningQueueStore queue) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            var write = await queue.WithdrawAsync(e, sessionId, null, talkId, v);
            return write.ToHttp(_ => TypedResults.NoContent());
        }).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Remove a talk or a waiting sign-up; a freed slot is offered to the first person waiting unless the line-up is locked (organisers)");

        org.MapPost("/lock", (string slug, long sessionId, EventStore events, LightningLineupStore store, TimeProvider clock) => LockAsync(slug, sessionId, true, events, store, clock))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Lock the line-up: sign-up closes and the running order appears in the public schedule, exports and kiosk at once (organisers)");

        org.MapDelete("/lock", (string slug, long sessionId, EventStore events, LightningLineupStore store, TimeProvider clock) => LockAsync(slug, sessionId, false, events, store, clock))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Unlock the line-up: it leaves the public schedule, sign-up reopens within its window and free slots go to the waitlist (organisers)");

        org.MapPut("/talks/{talkId:long}/outcome", async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long sessionId, long talkId, OutcomeInput input, EventStore events, LightningRunSheetStore runSheet) =>
        {
            var v = new Validator();
            var outcome = string.IsNullOrWhiteSpace(input.Outcome) ? null : input.Outcome.Trim().ToLowerInvariant();
            if (outcome is not null && !TalkOutcomes.All.Contains(outcome)) { v.Add("outcome", "Outcome is given, no-show, or empty to clear it."); return v.Problem(); }
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var write = await runSheet.SetOutcomeAsync(e, sessionId, talkId, outcome, v);
            return write.ToHttp(_ => TypedResults.NoContent());
        }).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Mark a talk given or no-show (or clear it) once the session has started (organisers)");
    }

    private static void MapRunSheet(RouteGroupBuilder run)
    {
        run.MapGet("", async Task<Results<Ok<RunSheetResponse>, NotFound>> (string slug, long sessionId, string? key, HttpContext http, EventStore events, LightningLineupStore store, LightningAccess access, TimeProvider clock) =>
            await RunnableAsync(slug, sessionId, key, http, events, store, access) is { } found
                ? TypedResults.Ok(found.Lineup.AsRunSheet(slug, clock.GetUtcNow()))
                : TypedResults.NotFound())
            .AllowAnonymous()
            .WithSummary("The MC's run sheet: running order, on now (with when it started) and next, the called speaker, slot length, server time (organisers, or ?key= from the run-sheet link)");

        run.MapGet("/version", async Task<Results<Ok<LineupVersion>, NotFound>> (string slug, long sessionId, string? key, HttpContext http, EventStore events, LightningLineupStore store, LightningAccess access) =>
            await RunnableAsync(slug, sessionId, key, http, events, store, access) is { } found
                ? TypedResults.Ok(new LineupVersion(found.Lineup.Session.LineupVersion))
                : TypedResults.NotFound())
            .AllowAnonymous()
            .WithSummary("The line-up's version only, for the run sheet to poll cheaply and refresh when it changes");

        run.MapPost("/start", async Task<Results<Ok<RunSheetResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long sessionId, string? key, RunSheetInput input, HttpContext http, EventStore events, LightningLineupStore store,
            LightningRunSheetStore runSheet, LightningAccess access, TimeProvider clock) =>
        {
            if (await RunnableAsync(slug, sessionId, key, http, events, store, access) is not { } found) return TypedResults.NotFound();
            var v = new Validator();
            if (input.TalkId is null) { v.Add("talkId", "Say which talk starts."); return v.Problem(); }
            var write = await runSheet.StartTalkAsync(found.Event, sessionId, input.TalkId.Value, v);
            return await write.ToHttpAsync(async _ => TypedResults.Ok((await store.LoadAsync(found.Event, sessionId))!.AsRunSheet(slug, clock.GetUtcNow())));
        }).AllowAnonymous().ProducesProblem(StatusCodes.Status409Conflict)
        .WithSummary("Start a talk: its countdown runs from now; the talk that was on is marked given (organisers, or ?key=)");

        run.MapPost("/call", async Task<Results<Ok<RunSheetResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long sessionId, string? key, RunSheetInput input, HttpContext http, EventStore events, LightningLineupStore store,
            LightningRunSheetStore runSheet, LightningAccess access, TimeProvider clock) =>
        {
            if (await RunnableAsync(slug, sessionId, key, http, events, store, access) is not { } found) return TypedResults.NotFound();
            var v = new Validator();
            if (input.TalkId is null) { v.Add("talkId", "Say which speaker to call."); return v.Problem(); }
            var write = await runSheet.CallAsync(found.Event, sessionId, input.TalkId.Value, v);
            return await write.ToHttpAsync(async _ => TypedResults.Ok((await store.LoadAsync(found.Event, sessionId))!.AsRunSheet(slug, clock.GetUtcNow())));
        }).AllowAnonymous().ProducesProblem(StatusCodes.Status409Conflict)
        .WithSummary("Call the next speaker to the stage: shown on the run sheet and sent to them (organisers, or ?key=)");
    }

    private static async Task<Results<Ok<OrganiserLineupResponse>, ValidationProblem, NotFound, ProblemHttpResult>> LockAsync(string slug, long sessionId, bool locked, EventStore events,
        LightningLineupStore store, TimeProvider clock)
    {
        if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
        var v = new Validator();
        var write = await store.LockAsync(e, sessionId, locked, v);
        return await write.ToHttpAsync(_ => LineupAsync(e, slug, sessionId, store, clock));
    }

    private static async Task<Ok<OrganiserLineupResponse>> LineupAsync(EventRow e, string slug, long sessionId, LightningLineupStore store,
        TimeProvider clock) => TypedResults.Ok((await store.LoadAsync(e, sessionId))!.AsOrganiserResponse(slug, clock.GetUtcNow()));

    internal static async Task<(EventRow Event, Lineup Lineup)?> RunnableAsync(string slug, long sessionId, string? key, HttpContext http, EventStore events,
        LightningLineupStore store, LightningAccess access)
    {
        if (await events.FindAsync(slug, http.RequestAborted) is not { } e) return null;
        if (await store.LoadAsync(e, sessionId, http.RequestAborted) is not { } l) return null;
        return await access.CanRunAsync(http, slug, l.Session, key) ? (e, l) : null;
    }

    private static async Task<Results<Ok<TalkResponse>, NotFound>> MineAsync(EventRow e, long sessionId, long talkId, LightningLineupStore store, HttpContext http)
    {
        var l = (await store.LoadAsync(e, sessionId, http.RequestAborted))!;
        return l.Find(talkId) is { } t ? TypedResults.Ok(l.AsResponse(t, e.Slug)) : TypedResults.NotFound();
    }
}
