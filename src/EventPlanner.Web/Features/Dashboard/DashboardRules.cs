using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Web.Features.Dashboard;

/// <summary>Turns the counts into the to-do list and the CfP's state; plain code, so it unit-tests without a host.</summary>
public static class DashboardRules
{
    public static IReadOnlyList<ToDo> ToDos(DashboardView d)
    {
        var root = $"/events/{d.Event.Slug}";
        var all = new List<ToDo>
        {
            new("heldMail", d.HeldMail, Plural(d.HeldMail, "email held", "emails held") + " for review", $"{root}/notifications/held"),
            new("failedMail", d.FailedMail, Plural(d.FailedMail, "email failed", "emails failed"), $"{root}/notifications"),
            new("groupsPending", d.Community.GroupsPending, Plural(d.Community.GroupsPending, "community group", "community groups") + " to approve", $"{root}/community/manage"),
            new("roomRequests", d.Community.RequestsWaiting, Plural(d.Community.RequestsWaiting, "room request waiting", "room requests waiting"), $"{root}/community/manage"),
            new("withoutReview", d.Reviews.WithoutReview, Plural(d.Reviews.WithoutReview, "proposal without a review", "proposals without a review"), $"{root}/review/assign"),
            new("notConfirmed", d.Reviews.AwaitingConfirmation, d.Reviews.AwaitingConfirmation == 1
                ? "1 accepted talk not yet confirmed by its speakers" : $"{d.Reviews.AwaitingConfirmation} accepted talks not yet confirmed by their speakers", $"{root}/decisions"),
            new("slotOffers", d.Reviews.OpenSlotOffers, Plural(d.Reviews.OpenSlotOffers, "freed slot", "freed slots") + " to offer to the waitlist", $"{root}/decisions"),
            new("unreleased", d.UnreleasedChanges, Plural(d.UnreleasedChanges, "schedule change", "schedule changes") + " not yet released", $"{root}/schedule/manage/release"),
            new("conflicts", d.ScheduleErrors, Plural(d.ScheduleErrors, "schedule conflict", "schedule conflicts") + " to resolve", $"{root}/schedule/manage"),
            new("unplaced", d.Schedule.Unplaced, Plural(d.Schedule.Unplaced, "session", "sessions") + " without a room or time", $"{root}/schedule/manage"),
            new("transferApprovals", d.Tickets.AwaitingApproval, Plural(d.Tickets.AwaitingApproval, "ticket transfer", "ticket transfers") + " to approve", $"{root}/tickets/manage"),
            new("lightningSetup", d.Lightning.Unconfigured, Plural(d.Lightning.Unconfigured, "lightning session", "lightning sessions") + " not set up for sign-ups", $"{root}/lightning/manage"),
        };
        return all.Where(t => t.Count > 0).ToList();
    }

    public static CfpStatus Cfp(DashboardView d)
    {
        var cfp = d.Submissions.Cfp;
        if (cfp?.OpensAt is null || cfp.ClosesAt is not { } closes) return new("not set up", null, null);
        if (DeadlineRules.IsOpen(d.Now, cfp)) return new("open", CfpCountdown.DaysLeft(d.Now, closes, d.Event.Zone), closes);
        return d.Now < cfp.OpensAt ? new("not open yet", null, closes) : new("closed", null, closes);
    }

    public static string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
