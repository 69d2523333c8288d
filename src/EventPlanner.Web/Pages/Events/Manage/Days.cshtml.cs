using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Pages.Events.Manage;

[Authorize(Policy = Policies.EventOrganiser)]
public sealed class DaysModel(EventStore store, VenueStore venue) : ManagePageModel(store)
{
    [BindProperty] public List<DayForm> Days { get; set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadEventAsync()) return NotFound();
        Days = (await venue.ListPartsAsync(Event.Id)).Days.Select(DayForm.From).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadEventAsync()) return NotFound();
        var stored = (await venue.ListPartsAsync(Event.Id)).Days.Select(d => d.Date).ToHashSet();

        // Check every day before saving any, so a mistake on day two does not leave day one half-saved.
        var hours = new List<(DateOnly Date, TimeOnly Opens, TimeOnly Closes)>();
        for (var i = 0; i < Days.Count; i++)
        {
            var v = new Validator();
            var date = v.Date("date", Days[i].Date, "Date");
            if (date is { } d && !stored.Contains(d)) v.Add("date", $"{Days[i].Date} is not one of the event's days; reload the page.");
            var h = EventRules.Validate(new DayInput(Days[i].OpensAt, Days[i].ClosesAt), v);
            if (v.HasErrors) ModelState.AddErrors(v, $"Days[{i}]");
            else hours.Add((date!.Value, h!.Value.Opens, h.Value.Closes));
        }
        if (!ModelState.IsValid) return Page();

        foreach (var (date, opens, closes) in hours) await venue.SetDayHoursAsync(Event.Id, date, opens, closes);
        TempData["Flash"] = "Opening hours saved.";
        return RedirectToPage(new { slug = Slug });
    }

    public sealed class DayForm
    {
        public string? Date { get; set; }
        public string? OpensAt { get; set; }
        public string? ClosesAt { get; set; }

        public static DayForm From(EventDayRow d) => new()
        {
            Date = EventDisplay.Iso(d.Date), OpensAt = EventDisplay.Time(d.OpensAt), ClosesAt = EventDisplay.Time(d.ClosesAt),
        };
    }
}
