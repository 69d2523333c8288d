using EventPlanner.Web.Features.Bofs;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Feedback;
using EventPlanner.Web.Features.Lightning;
using EventPlanner.Web.Features.Materials;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Features.Surveys;
using EventPlanner.Web.Features.Tickets;

namespace EventPlanner.Web.Features.Dashboard;

/// <summary>Everything the organisers' dashboard shows, read once per request through each feature's own counts.</summary>
public sealed record DashboardView(
    EventRow Event,
    DateTimeOffset Now,
    SubmissionCounts Submissions,
    ReviewCounts Reviews,
    TicketCounts Tickets,
    ScheduleCounts Schedule,
    int UnreleasedChanges,
    int ScheduleErrors,
    CommunityCounts Community,
    BofCounts Bofs,
    LightningCounts Lightning,
    int HeldMail,
    int FailedMail,
    FeedbackCounts? Feedback = null,
    SurveyCounts? Surveys = null)
{
    /// <summary>Slides, recordings and gallery links (an init property, so views built without it still compile).</summary>
    public MaterialCounts Materials { get; init; } = new();

    /// <summary>Social events: people coming, waiting, not yet answered.</summary>
    public Social.SocialCounts Social { get; init; } = new();

    public IReadOnlyList<ToDo> ToDos => DashboardRules.ToDos(this);
    public CfpStatus Cfp => DashboardRules.Cfp(this);
    public int DaysToEvent => Event.StartsOn.DayNumber - Event.LocalDate(Now).DayNumber;
}

/// <summary>One thing that waits for an organiser: how many, in words, and the page where it is done.</summary>
public sealed record ToDo(string Key, int Count, string Text, string Href);

/// <summary>The call for papers' state in words: "open", "closed", "not open yet", "not set up"; DaysLeft while open.</summary>
public sealed record CfpStatus(string State, int? DaysLeft, DateTimeOffset? ClosesAt);
