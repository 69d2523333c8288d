using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Feedback;

/// <summary>The speakers' digest, mailed once when feedback closes: counts and comments, never who gave them.</summary>
public static class FeedbackNotificationKinds
{
    public static readonly NotificationKind Digest = new()
    {
        Name = "feedback-digest",
        Label = "Session feedback: the speaker's digest when feedback closes",
        Placeholders = ["digest", "feedback_link"],
        SampleValues = new Dictionary<string, string>
        {
            ["digest"] = "Packaging Rust for Debian: 12 ratings, average 4.5 (5★ 7, 4★ 4, 3★ 1, 2★ 0, 1★ 0)\n  \"Clear and practical.\"",
            ["feedback_link"] = "https://example.org/events/fossmy-2026/feedback/mine",
        },
        Transactional = false,
        Subject = "Feedback on your sessions at {event_name}",
        Body = """
            Hello {recipient_name},

            Thank you for speaking at {event_name}. Feedback has now closed; this is what attendees said (without their names):

            {digest}

            The same, with a chart, is here:

            {feedback_link}
            """,
    };

    public static IReadOnlyList<NotificationKind> All { get; } = [Digest];
}
