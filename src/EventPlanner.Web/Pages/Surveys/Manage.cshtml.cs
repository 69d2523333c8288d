using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Surveys;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Pages.Events.Manage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Pages.Surveys;

/// <summary>Organisers: the event's surveys with their response counts, and a form for a new one.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class ManageModel(EventStore events, SurveyStore store) : ManagePageModel(events)
{
    public IReadOnlyList<SurveyRow> Surveys { get; private set; } = [];

    [BindProperty] public SurveyForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = new SurveyForm { Title = $"How was {Event.Name}?", Audience = SurveyAudiences.All };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var v = new Validator();
        // A checkbox the binder could not read is its message already: refused with the rest, not saved as false.
        if (SurveyRules.ValidateSurvey(Input.AsInput(), v) is not { } values || !ModelState.IsValid) { ModelState.AddErrors(v); return Page(); }
        var id = await store.CreateAsync(Event.Id, values);
        TempData["Flash"] = $"\"{values.Title}\" created as a draft. Add its questions next.";
        return Redirect($"/events/{Slug}/surveys/{id}");
    }

    private async Task<bool> LoadAsync()
    {
        if (!await LoadEventAsync()) return false;
        Surveys = await store.ListAsync(Event.Id);
        return true;
    }
}

/// <summary>The survey form's fields, as posted.</summary>
public sealed class SurveyForm
{
    public string? Title { get; set; }
    public string? Intro { get; set; }
    public string? Audience { get; set; }
    public bool Linked { get; set; }

    public SurveyInput AsInput() => new(Title, Intro, Audience, Linked);
}
