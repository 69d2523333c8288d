using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Lightning;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Lightning;

/// <summary>One lightning session for attendees: sign up, see where you stand, confirm an offered slot, withdraw, add slides.</summary>
[AllowAnonymous]
public sealed class SessionModel(LightningAccess access, LightningLineupStore store, LightningQueueStore queue, LightningSlides slides, LightningImpacts impacts, TimeProvider clock) : PageModel
{
    /// <summary>The confirmation step of withdrawing one's talk; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }
    public EventRow Event { get; private set; } = null!;
    public Lineup Lineup { get; private set; } = null!;
    public TalkRow? Mine { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public bool IsOrganiser { get; private set; }
    public string Slug => RouteData.Values["slug"] as string ?? "";

    [BindProperty] public SignUpForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long sessionId) => await LoadAsync(sessionId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSignUpAsync(long sessionId)
    {
        if (User.UserId() is not { } userId) return Challenge();
        if (!await LoadAsync(sessionId)) return NotFound();
        var v = new Validator();
        if (LightningRules.Validate(Input.AsInput(), v) is not { } values) return await InvalidAsync(v, sessionId);
        var write = await queue.SignUpAsync(Event, sessionId, userId, values, v);
        if (!write.IsOk) return await InvalidAsync(v, sessionId);
        TempData["Flash"] = "You are signed up. Your place is shown below.";
        return Redirect(Self(sessionId));
    }

    public Task<IActionResult> OnPostConfirmAsync(long sessionId) => ActAsync(sessionId, (e, u, v) => queue.ConfirmAsync(e, sessionId, u, v), "Your slot is confirmed. See you on stage!");

    /// <summary>The first post shows what withdrawing touches; only a post with the stamp of those counts withdraws, recounted inside the write.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(long sessionId, string? stamp)
    {
        if (User.UserId() is not { } userId) return Challenge();
        if (!await LoadAsync(sessionId)) return NotFound();
        if (await impacts.TalkAsync(Event.Id, sessionId, null, userId) is not { } shown) return NotFound();
        if (!shown.ConfirmedBy(stamp)) return Ask(shown, sessionId, stamp is not null);
        var check = new StampCheck(Event.Id, stamp, (c, tx) => LightningImpacts.TalkAsync(c, tx, Event.Id, sessionId, null, userId));
        var v = new Validator();
        var write = await queue.WithdrawAsync(Event, sessionId, userId, null, v, stillAsShown: check.HoldsAsync);
        if (check.Changed) return Ask(check.Fresh!, sessionId, true);
        if (write.Kind == WriteKind.NotFound && !v.HasErrors) return NotFound();
        if (!write.IsOk) return await InvalidAsync(v, sessionId);
        TempData["Flash"] = "You withdrew your talk.";
        return Redirect(Self(sessionId));
    }

    private PageResult Ask(Impact shown, long sessionId, bool changed)
    {
        Confirm = new ConfirmView(shown, $"Withdraw {shown.Subject}?", "Withdraw", new Dictionary<string, string>(),
            $"Withdraw {shown.Subject}", Self(sessionId), "Keep my talk", changed);
        return Page();
    }

    public async Task<IActionResult> OnPostSlidesAsync(long sessionId, IFormFile? slidesFile)
    {
        if (User.UserId() is not { } userId) return Challenge();
        if (!await LoadAsync(sessionId) || Mine is not { IsActive: true }) return NotFound();
        var v = new Validator();
        if (slidesFile is null) { v.Add("slides", "Choose a PDF file."); return await InvalidAsync(v, sessionId); }
        await using var stream = slidesFile.OpenReadStream();
        if (await slides.SaveAsync(stream, slidesFile.Length, v) is not { } name) return await InvalidAsync(v, sessionId);
        var (write, replaced) = await store.SetSlidesFileAsync(Event, sessionId, userId, name);
        if (!write.IsOk) { slides.Delete(name); return NotFound(); }
        slides.Delete(replaced);
        TempData["Flash"] = "Your slides are uploaded.";
        return Redirect(Self(sessionId));
    }

    private async Task<IActionResult> ActAsync(long sessionId, Func<EventRow, long, Validator, Task<WriteResult<long?>>> act, string done)
    {
        if (User.UserId() is not { } userId) return Challenge();
        if (!await LoadAsync(sessionId)) return NotFound();
        var v = new Validator();
        var write = await act(Event, userId, v);
        if (write.Kind == WriteKind.NotFound && !v.HasErrors) return NotFound();
        if (!write.IsOk) return await InvalidAsync(v, sessionId);
        TempData["Flash"] = done;
        return Redirect(Self(sessionId));
    }

    private string Self(long sessionId) => $"/events/{Slug}/lightning/{sessionId}";

    private async Task<IActionResult> InvalidAsync(Validator v, long sessionId)
    {
        await LoadAsync(sessionId);
        ModelState.AddErrors(v);
        return Page();
    }

    private async Task<bool> LoadAsync(long sessionId)
    {
        if (await access.VisibleAsync(HttpContext, Slug) is not { } e) return false;
        if (await store.LoadAsync(e, sessionId) is not { } l) return false;
        Event = e;
        Lineup = l;
        Now = clock.GetUtcNow();
        IsOrganiser = await access.IsOrganiserAsync(HttpContext, Slug);
        Mine = User.UserId() is { } u ? l.Talks.Where(t => t.UserId == u).OrderByDescending(t => t.IsActive).ThenByDescending(t => t.Seq).FirstOrDefault() : null;
        return true;
    }
}
