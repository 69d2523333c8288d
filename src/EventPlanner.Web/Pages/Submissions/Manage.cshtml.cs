using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Submissions;

/// <summary>The organisers' view of one proposal: everything, its tags and its history with diffs.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class ManageModel(EventStore events, CfpStore cfp, ProposalStore proposals, SpeakerProfileStore profiles) : PageModel
{
    public CfpContext Context { get; private set; } = null!;
    public ProposalDetail Detail { get; private set; } = null!;
    public IReadOnlyList<VersionResponse> History { get; private set; } = [];
    public IReadOnlyList<(ProposalSpeakerRow Speaker, SpeakerProfileRow? Profile, IReadOnlyList<AnswerRow> Answers)> Speakers { get; private set; } = [];
    [BindProperty] public string? Tags { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, long id)
    {
        if (!await LoadAsync(slug, id)) return NotFound();
        Tags = string.Join(", ", Detail.Tags);
        return Page();
    }

    public async Task<IActionResult> OnPostTagsAsync(string slug, long id)
    {
        if (!await LoadAsync(slug, id)) return NotFound();
        var v = new Validator();
        var tags = ProposalRules.ValidateTags((Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), v);
        if (tags is null)
        {
            ModelState.AddErrors(v, "");
            return Page();
        }
        await proposals.SetTagsAsync(Context.Event.Id, id, tags);
        TempData["Flash"] = "Tags saved.";
        return Redirect($"/events/{slug}/proposals/{id}/manage");
    }

    private async Task<bool> LoadAsync(string slug, long id)
    {
        if (await cfp.ContextAsync(events, slug) is not { } ctx) return false;
        if (await proposals.LoadDetailAsync(id) is not { } d || d.Proposal.EventId != ctx.Event.Id) return false;
        Context = ctx;
        Detail = d;
        History = OrganiserProposalEndpoints.History(await proposals.VersionsAsync(id)).ToList();
        var speakers = new List<(ProposalSpeakerRow, SpeakerProfileRow?, IReadOnlyList<AnswerRow>)>();
        foreach (var s in d.Speakers) speakers.Add((s, await profiles.FindAsync(s.UserId), await proposals.SpeakerAnswersAsync(ctx.Event.Id, s.UserId)));
        Speakers = speakers;
        return true;
    }
}
