using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Materials;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Materials;

/// <summary>
/// A session's materials for its speakers and the event's organisers: upload slides, add a recording or other links,
/// remove one. The same store and rules as the API; a refused form shows the messages next to the fields.
/// </summary>
// The request limit is the ceiling configuration may set; the handler holds the file to the configured limit.
[Authorize(Policy = Policies.SignedIn)]
[RequestSizeLimit(WebPlatform.UploadCeiling + WebPlatform.UploadFormOverhead)]
[RequestFormLimits(MultipartBodyLengthLimit = WebPlatform.UploadCeiling + WebPlatform.UploadFormOverhead)]
public sealed class SessionModel(MaterialAccess access, MaterialStore store, MaterialFiles files, MaterialUploads uploads) : PageModel
{
    public string Slug => RouteData.Values["slug"] as string ?? "";
    public EventRow Event { get; private set; } = null!;
    public long SessionId { get; private set; }
    public string SessionTitle { get; private set; } = "";
    public IReadOnlyList<MaterialRow> Materials { get; private set; } = [];
    public string Limit => files.Limit;

    [BindProperty] public LinkForm Link { get; set; } = new();

    /// <summary>The material whose title form was refused, so its messages and what was typed show at that item.</summary>
    public long? RenamingId { get; private set; }
    public string? RenamingTitle { get; private set; }

    public sealed class LinkForm
    {
        public string? Kind { get; set; } = MaterialRules.Recording;
        public string? Title { get; set; }
        public string? Url { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long sessionId) => await LoadAsync(sessionId) ?? Page();

    public async Task<IActionResult> OnPostUploadAsync(long sessionId, IFormFile? file, string? fileTitle)
    {
        if (await LoadAsync(sessionId) is { } refused) return refused;
        var v = new Validator();
        if (file is null) v.Add("file", "Choose a file (PDF, ODP or PPTX).");
        // A crafted form with two files: which one was meant is a guess, so neither is kept (as over the API).
        else if (Request.Form.Files.GetFiles("file").Count > 1) v.Add("file", "Send one file at a time.");
        else
        {
            var write = await uploads.SaveAsync(Event, sessionId, User.RequiredUserId(), file, fileTitle, v, HttpContext.RequestAborted);
            if (write.Kind == WriteKind.NotFound) return NotFound();
        }
        if (v.HasErrors) return await InvalidAsync(v, sessionId, "");
        TempData["Flash"] = "Your slides are up: the session page offers them now.";
        return Redirect(Self(sessionId));
    }

    public async Task<IActionResult> OnPostLinkAsync(long sessionId)
    {
        if (await LoadAsync(sessionId) is { } refused) return refused;
        var v = new Validator();
        if (MaterialRules.Link("", new MaterialLinkInput(Link.Kind, Link.Title, Link.Url), v) is { } link)
        {
            var write = await store.AddLinkAsync(Event.Id, sessionId, User.RequiredUserId(), link, v, HttpContext.RequestAborted);
            if (write.Kind == WriteKind.NotFound) return NotFound();
        }
        if (v.HasErrors) return await InvalidAsync(v, sessionId, "Link");
        TempData["Flash"] = "The link is on the session page now.";
        return Redirect(Self(sessionId));
    }

    public async Task<IActionResult> OnPostRenameAsync(long sessionId, long materialId, string? title)
    {
        if (await LoadAsync(sessionId) is { } refused) return refused;
        var v = new Validator();
        var write = await store.RenameAsync(Event.Id, sessionId, materialId, title, v, HttpContext.RequestAborted);
        if (write.Kind == WriteKind.NotFound) return NotFound();
        if (v.HasErrors)
        {
            (RenamingId, RenamingTitle) = (materialId, title);
            return await InvalidAsync(v, sessionId, "Rename");
        }
        TempData["Flash"] = "Title changed.";
        return Redirect(Self(sessionId));
    }

    public async Task<IActionResult> OnPostRemoveAsync(long sessionId, long materialId)
    {
        if (await LoadAsync(sessionId) is { } refused) return refused;
        var (removed, fileName) = await store.DeleteAsync(Event.Id, sessionId, materialId, HttpContext.RequestAborted);
        if (!removed) return NotFound();
        files.Delete(fileName);
        TempData["Flash"] = "Removed.";
        return Redirect(Self(sessionId));
    }

    private string Self(long sessionId) => $"/events/{Slug}/sessions/{sessionId}/materials";

    private async Task<IActionResult> InvalidAsync(Validator v, long sessionId, string prefix)
    {
        Materials = await store.ListAsync(Event.Id, sessionId, HttpContext.RequestAborted);
        ModelState.AddErrors(v, prefix);
        return Page();
    }

    /// <summary>Null when the reader may work on this session's materials; otherwise the answer (sign in, 404, 403).</summary>
    private async Task<IActionResult?> LoadAsync(long sessionId)
    {
        if (User.UserId() is null) return Challenge();
        var (verdict, e) = await access.MayAttachAsync(HttpContext, Slug, sessionId);
        if (verdict == MaterialAccess.Verdict.NotFound) return NotFound();
        if (verdict == MaterialAccess.Verdict.Forbidden) return Forbid();
        Event = e!;
        SessionId = sessionId;
        SessionTitle = await store.SessionTitleAsync(e!.Id, sessionId, HttpContext.RequestAborted) ?? "";
        Materials = await store.ListAsync(e.Id, sessionId, HttpContext.RequestAborted);
        return null;
    }
}
