using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Materials;

/// <summary>Session materials and the event's photo gallery over the API, and the download of uploaded files; the pages call the same store.</summary>
public static class MaterialEndpoints
{
    public static IServiceCollection AddMaterials(this IServiceCollection services)
    {
        services.AddNotificationKinds(MaterialNotificationKinds.All);
        services.AddSingleton<MaterialStore>();
        services.AddPersonalData<MaterialPersonalData>();
        services.AddSingleton<MaterialFiles>();
        services.AddSingleton<MaterialAccess>();
        services.AddSingleton<MaterialUploads>();
        services.AddSingleton<MaterialDigestJob>();
        services.AddSingleton<ISessionLinkSource, MaterialLinkSource>();
        services.AddRecurringJob<MaterialDigestJob>(MaterialDigestJob.JobId, j => j.RunAsync(CancellationToken.None), MaterialDigestJob.Schedule);
        return services;
    }

    public static IEndpointRouteBuilder MapMaterialsApi(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/events/{slug}/sessions/{sessionId:long}/materials").WithTags("Materials");
        MapSession(session);
        MapGallery(app.MapGroup("/api/events/{slug}/gallery").WithTags("Materials"));

        app.MapGet("/events/{slug}/materials/{name}", async Task<Results<PhysicalFileHttpResult, NotFound>> (string slug, string name, HttpContext http, MaterialAccess access, MaterialStore store,
            MaterialFiles files) =>
        {
            // Only under its own event's slug, and a hidden event's files only for its team (like its pages).
            if (await access.VisibleAsync(http, slug) is not { } e || await store.FindFileAsync(e.Id, name, http.RequestAborted) is not { } m
                || files.Find(name) is not { } path) return TypedResults.NotFound();
            // A download, never rendered or run here: the type the bytes were found to be, nosniff, a sandbox.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            return TypedResults.PhysicalFile(path, m.ContentType!, m.DownloadName, enableRangeProcessing: true);
        }).AllowAnonymous().WithTags("Materials")
        .WithSummary("An uploaded material, as a download (Content-Disposition: attachment) of the type its bytes were found to be; the random file name is the key");
        return app;
    }

    private static void MapSession(RouteGroupBuilder session)
    {
        session.MapGet("", async Task<Results<Ok<IEnumerable<MaterialResponse>>, NotFound>> (string slug, long sessionId, HttpContext http, MaterialAccess access,
            MaterialStore store) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e || !await store.SessionExistsAsync(e.Id, sessionId, http.RequestAborted)) return TypedResults.NotFound();
            return TypedResults.Ok((await store.ListAsync(e.Id, sessionId, http.RequestAborted)).Select(m => m.AsResponse(slug)));
        }).AllowAnonymous().WithSummary("A session's materials: slides (files or links), recording links and further links");

        var write = session.MapGroup("").RequireAuthorization(Policies.SignedIn);

        write.MapPost("", async Task<Results<Created<MaterialResponse>, ValidationProblem, NotFound, ProblemHttpResult, ForbidHttpResult>> (string slug, long sessionId,
            MaterialLinkInput input, HttpContext http, MaterialAccess access, MaterialStore store) =>
        {
            var (verdict, e) = await access.MayAttachAsync(http, slug, sessionId);
            if (verdict == MaterialAccess.Verdict.NotFound) return TypedResults.NotFound();
            if (verdict == MaterialAccess.Verdict.Forbidden) return TypedResults.Forbid();
            var v = new Validator();
            if (MaterialRules.Link("", input, v) is not { } link) return v.Problem();
            var result = await store.AddLinkAsync(e!.Id, sessionId, http.User.RequiredUserId(), link, v, http.RequestAborted);
            return result.ToHttp(row => TypedResults.Created($"/api/events/{slug}/sessions/{sessionId}/materials", row.AsResponse(slug))).Widen<Created<MaterialResponse>, ForbidHttpResult>();
        }).WithSummary($"Add a link (kind slides, recording, code, paper or other; an http(s) address; a title) (the session's speakers and the event's organisers); at most {MaterialRules.MaxPerSession} materials a session");

        write.MapPut("/links", async Task<Results<Ok<IEnumerable<MaterialResponse>>, ValidationProblem, NotFound, ProblemHttpResult, ForbidHttpResult>> (string slug, long sessionId,
            MaterialLinksInput input, HttpContext http, MaterialAccess access, MaterialStore store) =>
        {
            var (verdict, e) = await access.MayAttachAsync(http, slug, sessionId);
            if (verdict == MaterialAccess.Verdict.NotFound) return TypedResults.NotFound();
            if (verdict == MaterialAccess.Verdict.Forbidden) return TypedResults.Forbid();
            var v = new Validator();
            if (MaterialRules.Links(input, v) is not { } links) return v.Problem();
            var result = await store.ReplaceLinksAsync(e!.Id, sessionId, http.User.RequiredUserId(), links, v, http.RequestAborted);
            var answer = await result.ToHttpAsync(async _ => TypedResults.Ok((await store.ListAsync(e.Id, sessionId, http.RequestAborted)).Select(m => m.AsResponse(slug))));
            return answer.Widen<Ok<IEnumerable<MaterialResponse>>, ForbidHttpResult>();
        }).WithSummary("Set all of the session's links at once (those not listed are removed; uploaded files stay) (the session's speakers and the event's organisers)");

        write.MapPost("/upload", async Task<Results<Created<MaterialResponse>, ValidationProblem, NotFound, ProblemHttpResult, ForbidHttpResult>> (string slug, long sessionId, HttpContext http, MaterialAccess access, MaterialUploads uploads) =>
        {
            var (verdict, e) = await access.MayAttachAsync(http, slug, sessionId);
            if (verdict == MaterialAccess.Verdict.NotFound) return TypedResults.NotFound();
            if (verdict == MaterialAccess.Verdict.Forbidden) return TypedResults.Forbid();
            var v = new Validator();
            var (result, tooLarge) = await uploads.FromApiAsync(http, e!, sessionId, v);
            // The field messages as a validation problem, under 413 (TypedResults.ValidationProblem is always 400).
            if (tooLarge) return TypedResults.Problem(new HttpValidationProblemDetails(v.Errors) { Title = "The file is too large.", Status = StatusCodes.Status413PayloadTooLarge });
            return result.ToHttp(row => TypedResults.Created($"/api/events/{slug}/sessions/{sessionId}/materials", row.AsResponse(slug))).Widen<Created<MaterialResponse>, ForbidHttpResult>();
        }).DisableAntiforgery() // an API call (token or same-site cookie), not a page form; the page posts through its own antiforgery-checked form
        .ProducesValidationProblem(StatusCodes.Status413PayloadTooLarge)
        .WithSummary("Upload slides (multipart/form-data: field \"file\" with a PDF, ODP or PPTX, checked by content; optional \"title\"); the size limit is EventPlanner:Uploads:MaxBytes, 50 MB by default (the session's speakers and the event's organisers)");

        write.MapPatch("/{materialId:long}", async Task<Results<Ok<MaterialResponse>, ValidationProblem, NotFound, ProblemHttpResult, ForbidHttpResult>> (string slug, long sessionId,
            long materialId, MaterialTitleInput input, HttpContext http, MaterialAccess access, MaterialStore store) =>
        {
            var (verdict, e) = await access.MayAttachAsync(http, slug, sessionId);
            if (verdict == MaterialAccess.Verdict.NotFound) return TypedResults.NotFound();
            if (verdict == MaterialAccess.Verdict.Forbidden) return TypedResults.Forbid();
            var v = new Validator();
            var result = await store.RenameAsync(e!.Id, sessionId, materialId, input.Title, v, http.RequestAborted);
            return result.ToHttp(row => TypedResults.Ok(row.AsResponse(slug))).Widen<Ok<MaterialResponse>, ForbidHttpResult>();
        }).WithSummary($"Change one material's title (one line, at most {MaterialRules.MaxTitle} characters; empty gives its kind's name) (the session's speakers and the event's organisers)");

        write.MapDelete("/{materialId:long}", async Task<Results<NoContent, NotFound, ForbidHttpResult>> (string slug, long sessionId, long materialId, HttpContext http,
            MaterialAccess access, MaterialStore store, MaterialFiles files) =>
        {
            var (verdict, e) = await access.MayAttachAsync(http, slug, sessionId);
            if (verdict == MaterialAccess.Verdict.NotFound) return TypedResults.NotFound();
            if (verdict == MaterialAccess.Verdict.Forbidden) return TypedResults.Forbid();
            var (removed, fileName) = await store.DeleteAsync(e!.Id, sessionId, materialId, http.RequestAborted);
            if (!removed) return TypedResults.NotFound();
            files.Delete(fileName);
            return TypedResults.NoContent();
        }).WithSummary("Remove one material (an uploaded file is deleted too) (the session's speakers and the event's organisers)");
    }

    private static void MapGallery(RouteGroupBuilder gallery)
    {
        gallery.MapGet("", async Task<Results<Ok<IEnumerable<GalleryLinkResponse>>, NotFound>> (string slug, HttpContext http, MaterialAccess access, MaterialStore store) =>
            await access.VisibleAsync(http, slug) is { } e
                ? TypedResults.Ok((await store.GalleryAsync(e.Id, http.RequestAborted)).Select(g => g.AsResponse()))
                : TypedResults.NotFound())
            .AllowAnonymous().WithSummary("The event's photo gallery links");

        gallery.MapPut("", async Task<Results<Ok<IEnumerable<GalleryLinkResponse>>, ValidationProblem, NotFound>> (string slug, GalleryInput input, EventStore events,
            MaterialStore store, HttpContext http) =>
        {
            if (await events.FindAsync(slug, http.RequestAborted) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            if (MaterialRules.Gallery(input, v) is not { } links) return v.Problem();
            await store.ReplaceGalleryAsync(e.Id, links, http.RequestAborted);
            return TypedResults.Ok((await store.GalleryAsync(e.Id, http.RequestAborted)).Select(g => g.AsResponse()));
        }).RequireAuthorization(Policies.EventOrganiser)
        .WithSummary($"Set the event's photo gallery links (title, http(s) address), in order; at most {MaterialRules.MaxGalleryLinks} (organisers)");
    }
}
