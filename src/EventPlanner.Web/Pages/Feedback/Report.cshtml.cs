using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Feedback;
using EventPlanner.Web.Pages.Events.Manage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Pages.Feedback;

/// <summary>Organisers: every session's ratings and comments, and a ranking per track, at any time.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class ReportModel(EventStore events, FeedbackStore store, TimeProvider clock) : ManagePageModel(events)
{
    public IReadOnlyList<FeedbackSessionSummary> Sessions { get; private set; } = [];
    public IReadOnlyList<FeedbackTrackRanking> Ranking { get; private set; } = [];
    public FeedbackSettingsResponse Settings { get; private set; } = null!;
    public bool IsClosed => clock.GetUtcNow() >= Settings.ClosesAt;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadEventAsync()) return NotFound();
        Sessions = await store.SummariesAsync(Event.Id);
        Ranking = FeedbackRules.Rank(Sessions);
        Settings = await store.SettingsAsync(Event);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoteAsync(bool isRemote)
    {
        if (!await LoadEventAsync()) return NotFound();
        await store.SetRemoteAsync(Event, isRemote);
        TempData["Flash"] = isRemote ? "Any valid ticket may now rate sessions (online event)." : "Only checked-in tickets may rate sessions.";
        return Redirect($"/events/{Slug}/feedback");
    }
}
