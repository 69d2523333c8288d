using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Schedule;

/// <summary>One session for organisers: its details (or a new one), where it is, its conflicts and what runs against it.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class ManageSessionModel(EventStore events, ScheduleQueries queries, SessionStore store, OrganiserImpacts impacts) : PageModel
{
    /// <summary>The confirmation step of deleting the session; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }
    public ScheduleBoard Board { get; private set; } = null!;
    public SessionRow? Session { get; private set; }
    public bool WasReleased { get; private set; }
    public string Slug => RouteData.Values["slug"] as string ?? "";
    public bool IsNew => Session is null;

    [BindProperty] public SessionForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Session is { } s)
        {
            Input = new SessionForm
            {
                Kind = s.Kind, Title = s.Title, Abstract = s.Abstract, Description = s.Description, Language = s.Language, TrackId = s.TrackId,
                DurationMinutes = s.DurationMinutes, ExpectedAudience = s.ExpectedAudience, IsCancelled = s.IsCancelled, Version = s.Version,
                Speakers = string.Join(", ", await store.SpeakerEmailsAsync(s.Id)),
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var v = new Validator();
        var values = SessionRules.Validate(Input.AsInput(), v);
        if (values is null) return Invalid(v);
        if (Session is null)
        {
            if (await store.CreateAsync(Board.Event.Id, values, v) is not { } created) return Invalid(v);
            TempData["Flash"] = $"Added \"{created.Title}\". It waits in the unscheduled list.";
            return Redirect($"/events/{Slug}/schedule/manage/sessions/{created.Id}");
        }
        var write = await store.UpdateAsync(Board.Event.Id, Session.Id, Input.Version, values, v);
        switch (write.Kind)
        {
            case WriteKind.Invalid: return Invalid(v);
            case WriteKind.NotFound: return NotFound();
            case WriteKind.Conflict:
                ModelState.AddModelError("", write.Session()!.StaleMessage(Board));
                return Page();
        }
        TempData["Flash"] = "Session saved.";
        return Redirect($"/events/{Slug}/schedule/manage/sessions/{Session.Id}");
    }

    /// <summary>The first post shows its speakers, stars and release state; only a post with the stamp of those same counts deletes.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string id, string? stamp)
    {
        if (!await LoadAsync(id) || Session is null) return NotFound();
        if (await impacts.SessionAsync(Board.Event.Id, Session.Id) is not { } what) return NotFound();
        if (!what.ConfirmedBy(stamp)) return await AskAsync(what, id, stamp is not null);
        var v = new Validator();
        var sessionId = Session.Id;
        var check = new StampCheck(Board.Event.Id, stamp, (c, tx) => OrganiserImpacts.SessionAsync(c, tx, Board.Event.Id, sessionId));
        var deleted = await store.DeleteAsync(Board.Event.Id, sessionId, v, stillAsShown: check.HoldsAsync);
        if (check.Changed) return await AskAsync(check.Fresh!, id, true);
        if (deleted is not true) return Invalid(v);
        TempData["Flash"] = $"Deleted \"{Session.Title}\".";
        return Redirect($"/events/{Slug}/schedule/manage");
    }

    private async Task<IActionResult> AskAsync(Impact what, string id, bool changed)
    {
        Confirm = new ConfirmView(what, $"Delete \"{what.Subject}\"?", "Delete", new Dictionary<string, string>(), "Delete the session",
            $"/events/{Slug}/schedule/manage/sessions/{Session!.Id}", "Keep the session", changed);
        await OnGetAsync(id); // the form below shows the session as it is
        return Page();
    }

    private PageResult Invalid(Validator v)
    {
        ModelState.AddErrors(v);
        return Page();
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (await events.FindAsync(Slug) is not { } e) return false;
        Board = await queries.LoadAsync(e);
        if (id == "new") return true;
        if (!long.TryParse(id, out var sessionId) || Board.Find(sessionId) is not { } s) return false;
        Session = s;
        WasReleased = await store.WasReleasedAsync(e.Id, s.Id);
        return true;
    }

    public sealed class SessionForm
    {
        public string Kind { get; set; } = SessionKinds.Talk;
        public string? Title { get; set; }
        public string? Abstract { get; set; }
        public string? Description { get; set; }
        public string? Language { get; set; }
        public long? TrackId { get; set; }
        public int? DurationMinutes { get; set; } = 30;
        public int? ExpectedAudience { get; set; }
        public string? Speakers { get; set; }
        public bool IsCancelled { get; set; }
        public int Version { get; set; }

        public SessionInput AsInput() => new(Kind, Title, Abstract, Description, Language, TrackId, DurationMinutes, ExpectedAudience,
            (Speakers ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), IsCancelled, Version);
    }
}
