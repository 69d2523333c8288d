namespace EventPlanner.Web.Features.Dashboard;

public sealed record DashboardResponse(
    string Slug,
    int DaysToEvent,
    CfpResponse Cfp,
    IReadOnlyDictionary<string, int> Proposals,
    ReviewProgress Reviews,
    IReadOnlyList<TicketTypeProgress> Tickets,
    int CheckedInToday,
    int TransfersOffered,
    ScheduleProgress Schedule,
    CommunityProgress Community,
    BofProgress Bofs,
    LightningProgress Lightning,
    MaterialProgress Materials,
    MailProgress Mail,
    IReadOnlyList<ToDo> ToDo,
    FeedbackProgress? Feedback = null,
    SurveyProgress? Surveys = null,
    SocialProgress? Social = null);

public sealed record CfpResponse(string State, int? DaysLeft, DateTimeOffset? ClosesAt);
public sealed record ReviewProgress(int WithoutReview, int AssignmentsDone, int Assignments, int AwaitingConfirmation, int Confirmed);
public sealed record TicketTypeProgress(long Id, string Name, int Sold, int Quota, int Waiting);
public sealed record ScheduleProgress(int Placed, int Unplaced, int UnreleasedChanges, int Errors, int Releases);
public sealed record CommunityProgress(int GroupsPending, int RequestsWaiting, int ProposalsWithGroups, int BlocksApproved);
public sealed record BofProgress(int Proposed, int Booked, int FreeSlots);
public sealed record LightningProgress(int Sessions, int Unconfigured, int Confirmed, int Offered, int Waitlisted);
public sealed record MaterialProgress(int Talks, int WithSlides, int WithRecording, int GalleryLinks);
public sealed record MailProgress(int Held, int Failed);
public sealed record FeedbackProgress(int Ratings, int SessionsRated);
public sealed record SurveyProgress(int Open, int Invited, int Responses);
public sealed record SocialProgress(int Events, int PeopleComing, int Waiting, int NoReply);

public static class DashboardMapping
{
    public static DashboardResponse AsResponse(this DashboardView d) => new(
        d.Event.Slug,
        d.DaysToEvent,
        new CfpResponse(d.Cfp.State, d.Cfp.DaysLeft, d.Cfp.ClosesAt),
        d.Submissions.ByState,
        new ReviewProgress(d.Reviews.WithoutReview, d.Reviews.AssignmentsDone, d.Reviews.Assignments, d.Reviews.AwaitingConfirmation, d.Reviews.Confirmed),
        d.Tickets.Types.Select(t => new TicketTypeProgress(t.Id, t.Name, t.Sold, t.Quota, t.Waiting)).ToList(),
        d.Tickets.CheckedInToday,
        d.Tickets.OfferedOnBoard,
        new ScheduleProgress(d.Schedule.Placed, d.Schedule.Unplaced, d.UnreleasedChanges, d.ScheduleErrors, d.Schedule.Releases),
        new CommunityProgress(d.Community.GroupsPending, d.Community.RequestsWaiting, d.Community.ProposalsWithGroups, d.Community.BlocksApproved),
        new BofProgress(d.Bofs.Proposed, d.Bofs.Booked, d.Bofs.FreeSlots),
        new LightningProgress(d.Lightning.Sessions, d.Lightning.Unconfigured, d.Lightning.Confirmed, d.Lightning.Offered, d.Lightning.Waitlisted),
        new MaterialProgress(d.Materials.Talks, d.Materials.WithSlides, d.Materials.WithRecording, d.Materials.GalleryLinks),
        new MailProgress(d.HeldMail, d.FailedMail),
        d.ToDos,
        d.Feedback is { } f ? new FeedbackProgress(f.Ratings, f.SessionsRated) : null,
        d.Surveys is { } s ? new SurveyProgress(s.Open, s.Invited, s.Responses) : null,
        new SocialProgress(d.Social.Events, d.Social.PeopleComing, d.Social.Waiting, d.Social.NoReply));
}
