using System.ComponentModel.DataAnnotations;
using EventPlanner.Web.Features.Lightning;

namespace EventPlanner.Web.Pages.Lightning;

public sealed class SettingsForm
{
    [Display(Name = "Slot length (minutes)")] public int SlotMinutes { get; set; } = 5;
    [Display(Name = "Changeover between talks (minutes)")] public int ChangeoverMinutes { get; set; } = 1;
    [Display(Name = "Sign-up opens (local time)")] public string? OpensAt { get; set; }
    [Display(Name = "Sign-up closes (local time)")] public string? ClosesAt { get; set; }
    [Display(Name = "Slots held back for sign-ups on the day")] public int HeldBack { get; set; }
    [Display(Name = "Serve first-time speakers first from the waitlist")] public bool FirstTimerPriority { get; set; }
    [Display(Name = "Minutes to confirm a slot offered from the waitlist")] public int ConfirmMinutes { get; set; } = 60;

    public LightningSettingsInput AsInput() => new(SlotMinutes, ChangeoverMinutes, OpensAt, ClosesAt, HeldBack, FirstTimerPriority, ConfirmMinutes);
}
