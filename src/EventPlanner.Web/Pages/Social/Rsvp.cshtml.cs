using EventPlanner.Web.Features.Social;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Social;

/// <summary>The invitee's answer through the personal link from their invitation mail: no login, changeable until it starts.</summary>
[AllowAnonymous]
public sealed class RsvpModel(SocialRsvps rsvps) : PageModel
{
    public SocialRsvpView View { get; private set; } = null!;

    [BindProperty] public RsvpForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string token)
    {
        if (await rsvps.FindAsync(token) is not { } view) return NotFound();
        View = view;
        var i = view.Invitation;
        Input = new RsvpForm
        {
            Attending = i.State switch { SocialStates.Attending or SocialStates.Waiting => "yes", SocialStates.Declined => "no", _ => null },
            Guests = i.Guests, Dietary = i.Dietary, Accessibility = i.Accessibility,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (!ModelState.IsValid)
        {
            // A number box holding something that is not a number: the binder's message says which; nothing is saved.
            if (await rsvps.FindAsync(token) is not { } found) return NotFound();
            View = found;
            return Page();
        }
        var v = new Validator();
        var attending = Input.Attending switch { "yes" => true, "no" => (bool?)false, _ => null };
        if (await rsvps.RespondAsync(token, new SocialRsvpInput(attending, Input.Guests, Input.Dietary, Input.Accessibility), v) is not { } view) return NotFound();
        View = view;
        if (v.HasErrors) { ModelState.AddErrors(v); return Page(); }
        TempData["Flash"] = view.Invitation.State switch
        {
            SocialStates.Attending => "Thank you: you are on the list.",
            SocialStates.Waiting => $"It is full right now: you are number {view.WaitingPosition} on the waiting list, and we will mail you if a place frees up.",
            _ => "Thank you for letting us know.",
        };
        return Redirect($"/invitations/social/{token}");
    }

    public sealed class RsvpForm
    {
        public string? Attending { get; set; }
        public int? Guests { get; set; }
        public string? Dietary { get; set; }
        public string? Accessibility { get; set; }
    }
}
