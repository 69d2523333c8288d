using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>
/// What Reviews tells speakers and reviewers: decision mails (held until the organisers release the decisions) and review
/// notices. Registered in <c>AddReviews()</c>.
/// </summary>
public static class ReviewNotificationKinds
{
    public static readonly NotificationKind DecisionAccepted = new()
    {
        Name = "decision-accepted",
        Label = "Decision: proposal accepted",
        HeldForRelease = true,
        Placeholders = ["title", "proposal_link", "confirm_link", "confirm_days", "reviewer_notes"],
        SampleValues = new Dictionary<string, string>
        {
            ["title"] = "Packaging Rust for Debian", ["proposal_link"] = "https://example.org/events/x/proposals/1",
            ["confirm_link"] = "https://example.org/events/x/proposals/1/confirm?token=sample", ["confirm_days"] = "14", ["reviewer_notes"] = "",
        },
        Subject = "Accepted: {title} at {event_name}",
        Body = """
            Hello {recipient_name},

            Good news: your proposal **{title}** has been accepted for {event_name}.

            Please confirm that you will give it (or decline, if you can no longer come) within {confirm_days} days:

            {confirm_link}

            If we do not hear from you by then, we will offer the slot to another speaker.

            {reviewer_notes}

            Your proposal: {proposal_link}
            """,
    };

    public static readonly NotificationKind DecisionShortlisted = new()
    {
        Name = "decision-shortlisted",
        Label = "Decision: proposal shortlisted",
        HeldForRelease = true,
        Placeholders = ["title", "proposal_link", "reviewer_notes"],
        SampleValues = new Dictionary<string, string>
        {
            ["title"] = "Packaging Rust for Debian", ["proposal_link"] = "https://example.org/events/x/proposals/1", ["reviewer_notes"] = "",
        },
        Subject = "Shortlisted: {title} at {event_name}",
        Body = """
            Hello {recipient_name},

            Your proposal **{title}** is on the shortlist for {event_name}. The committee takes its final decisions soon; we will write again.

            {reviewer_notes}

            Your proposal: {proposal_link}
            """,
    };

    public static readonly NotificationKind DecisionWaitlisted = new()
    {
        Name = "decision-waitlisted",
        Label = "Decision: proposal on the waiting list",
        HeldForRelease = true,
        Placeholders = ["title", "proposal_link", "reviewer_notes"],
        SampleValues = new Dictionary<string, string>
        {
            ["title"] = "Packaging Rust for Debian", ["proposal_link"] = "https://example.org/events/x/proposals/1", ["reviewer_notes"] = "",
        },
        Subject = "On the waiting list: {title} at {event_name}",
        Body = """
            Hello {recipient_name},

            Your proposal **{title}** did not get a slot at {event_name} yet, but it is on our waiting list: if an accepted speaker
            cannot come, we offer their slot to the waiting list in order. We will write at once if that happens.

            {reviewer_notes}

            Your proposal: {proposal_link}
            """,
    };

    public static readonly NotificationKind DecisionRejected = new()
    {
        Name = "decision-rejected",
        Label = "Decision: proposal not accepted",
        HeldForRelease = true,
        Placeholders = ["title", "proposal_link", "reviewer_notes"],
        SampleValues = new Dictionary<string, string>
        {
            ["title"] = "Packaging Rust for Debian", ["proposal_link"] = "https://example.org/events/x/proposals/1", ["reviewer_notes"] = "",
        },
        Subject = "About your proposal {title} at {event_name}",
        Body = """
            Hello {recipient_name},

            Thank you for proposing **{title}** for {event_name}. We had many more good proposals than slots, and this one
            did not make it this time. We hope to see you at the event, and to read your next proposal.

            {reviewer_notes}

            Your proposal: {proposal_link}
            """,
    };

    /// <summary>To a reviewer: a proposal they reviewed has changed. The title is as the reviewer sees it (names scrubbed in anonymous phases).</summary>
    public static readonly NotificationKind ReviewStale = new()
    {
        Name = "review-stale",
        Label = "A proposal you reviewed has changed",
        Transactional = false,
        Placeholders = ["title", "review_link"],
        SampleValues = new Dictionary<string, string> { ["title"] = "Packaging Rust for Debian", ["review_link"] = "https://example.org/events/x/review/1" },
        Subject = "Changed since your review: {title}",
        Body = """
            Hello {recipient_name},

            The proposal **{title}** for {event_name} was changed after you reviewed it. Have another look, and update your review if it changes your view:

            {review_link}
            """,
    };

    public static readonly NotificationKind ConfirmReminder = new()
    {
        Name = "reminder-confirm-talk",
        Label = "Reminder: confirm your accepted talk",
        Placeholders = ["title", "confirm_link", "confirm_by"],
        SampleValues = new Dictionary<string, string>
        {
            ["title"] = "Packaging Rust for Debian", ["confirm_link"] = "https://example.org/events/x/proposals/1/confirm", ["confirm_by"] = "Friday 4 December 2026, 18:00",
        },
        Subject = "Please confirm your talk {title} at {event_name}",
        Body = """
            Hello {recipient_name},

            Your proposal **{title}** was accepted for {event_name}, and we have not heard from you yet. Please confirm or decline by {confirm_by}:

            {confirm_link}

            If we do not hear from you by then, we will offer the slot to another speaker.
            """,
    };

    public static IReadOnlyList<NotificationKind> All { get; } = [DecisionAccepted, DecisionShortlisted, DecisionWaitlisted, DecisionRejected, ReviewStale, ConfirmReminder];
}
