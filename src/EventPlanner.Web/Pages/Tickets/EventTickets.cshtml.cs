using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Tickets;

[AllowAnonymous]
public sealed class EventTicketsModel(TicketEvents events, TicketTypeStore types, RegistrationStore registrations, TimeProvider clock) : PageModel
{
    public EventRow Event { get; private set; } = null!;
    public IReadOnlyList<TicketTypeRow> Types { get; private set; } = [];
    public IReadOnlyList<WaitingRow> Waiting { get; private set; } = [];
    public IReadOnlyList<TicketRow> MyTickets { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    [BindProperty] public long TypeId { get; set; }
    [BindProperty] public List<AttendeeForm> Attendees { get; set; } = [];
    /// <summary>Ticked by a speaker who already holds a speaker ticket and still wants another (for a friend, say).</summary>
    [BindProperty] public bool AnotherTicket { get; set; }

    public TicketRow? SpeakerTicket => MyTickets.FirstOrDefault(t => t.IsSpeakerTicket && t.Status == "valid");

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRegisterAsync(string slug)
    {
        if (User.UserId() is not { } userId) return Challenge();
        if (!await LoadAsync(slug)) return NotFound();
        var v = new Validator();
        if (SpeakerTicket is not null && !AnotherTicket)
        {
            // A speaker's own ticket already gets them in; a second one takes a place from someone else, so ask first.
            v.Add("anotherTicket", "You already have a speaker ticket for this event, so you need no other. To register someone else, tick \"I know, register another ticket\".");
            ModelState.AddErrors(v, "");
            return Page();
        }
        var filled = Attendees.Where((a, i) => i == 0 || !string.IsNullOrWhiteSpace(a.BadgeName)).Select(a => a.AsInput()).ToList();
        var attendees = TicketRules.ValidateAttendees(filled, 10, v);
        if (attendees is null) { ModelState.AddErrors(v, ""); return Page(); }
        var result = await registrations.RegisterAsync(Event.Id, userId, TypeId, attendees, joinWaitingList: true, v);
        if (result.Kind == WriteKind.NotFound) return NotFound();
        if (!ModelState.AddErrors(result, "")) return Page();
        TempData["Flash"] = result.Value!.Outcome switch
        {
            RegistrationOutcomes.Registered => "You are registered. Your ticket is below and on its way by email.",
            RegistrationOutcomes.Pending => "Registration received: your ticket is confirmed once the organisers have your payment or approval.",
            _ => "This ticket type is sold out: you are on the waiting list, and we will email you if a place comes free.",
        };
        return RedirectToPage(new { slug });
    }

    private async Task<bool> LoadAsync(string slug)
    {
        if (await events.VisibleAsync(HttpContext, slug) is not { } e) return false;
        Event = e;
        Now = clock.GetUtcNow();
        Types = (await types.ListAsync(e.Id)).Where(t => !t.IsSpeakerType).ToList();
        if (User.UserId() is { } userId)
        {
            Waiting = (await registrations.ListWaitingAsync(userId)).Where(w => w.EventId == e.Id).ToList();
            MyTickets = (await registrations.ListHeldAsync(userId)).Where(t => t.EventId == e.Id && t.Status is "valid" or "pending").ToList();
        }
        return true;
    }
}
