using System.Security.Cryptography;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Surveys;

/// <summary>
/// Inviting ticket holders of an open survey: each gets one row with a long random token and one mail, in the same
/// transaction. Sending again invites only those not yet invited (new ticket holders, people checked in since).
/// </summary>
public sealed class SurveyInvitations(TimeProvider clock, Outbox outbox)
{
    private sealed record Holder
    {
        public long UserId { get; init; }
    }

    /// <summary>Null when there is no such survey; a refusal when it is not open.</summary>
    public async Task<(SurveyInviteResponse? Sent, Refusal? Refused)> InviteAsync(EventRow e, long surveyId, CancellationToken ct = default)
    {
        var result = await outbox.WriteWithNoticesAsync<(SurveyInviteResponse?, Refusal?)>(async (c, tx, batch) =>
        {
            if (await SurveyStore.FindAsync(c, tx, e.Id, surveyId) is not { } s) return (null, SurveyStore.NotFound);
            if (s.State != SurveyStates.Open) return (null, Refusal.Conflict("Not open", "Open the survey before inviting people: their links would not work yet."));
            // Ticket holders read from Tickets' table (not written): a valid ticket, checked in when the survey asks only those.
            var holders = await c.QueryAsync<Holder>("""
                SELECT DISTINCT holder_user_id AS user_id FROM tickets
                WHERE event_id = @eventId AND status = 'valid' AND (@all = TRUE OR checked_in_at IS NOT NULL) ORDER BY holder_user_id
                """, new { eventId = e.Id, all = s.Audience == SurveyAudiences.All }, tx);
            var now = clock.GetUtcNow();
            var added = 0;
            foreach (var h in holders)
            {
                var token = NewToken();
                var id = await c.ExecuteScalarAsync<long?>("""
                    INSERT INTO survey_invitations (survey_id, user_id, token, created_at) VALUES (@surveyId, @UserId, @token, @now)
                    ON CONFLICT (survey_id, user_id) DO NOTHING RETURNING id
                    """, new { surveyId, h.UserId, token, now }, tx);
                if (id is null) continue;
                added++;
                await batch.AddAsync(c, tx, SurveyNotices.Invitation(e, s, id.Value, h.UserId, token));
            }
            var total = await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM survey_invitations WHERE survey_id = @surveyId", new { surveyId }, tx);
            return (new SurveyInviteResponse(added, total), null);
        }, ct);
        return result.Item2 is { IsNotFound: true } ? (null, null) : result;
    }

    // 32 random bytes, URL-safe: the link is the only key to the form.
    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The one place that words survey mail; the dedupe key names the invitation, so a retried send mails nobody twice.</summary>
public static class SurveyNotices
{
    public static string AnswerLink(string token) => $"/surveys/{token}";

    public static NotificationRequest Invitation(EventRow e, SurveyRow s, long invitationId, long userId, string token) =>
        new($"survey-invitation:{invitationId}", SurveyNotificationKinds.Invitation.Name, userId, e.Id, new Dictionary<string, string>
        {
            ["survey_title"] = s.Title,
            ["survey_link"] = AnswerLink(token),
            ["anonymity"] = s.Linked
                ? "Please note: your answers will be shown to the organisers with your name."
                : "Your answers are anonymous: the organisers see them without your name.",
        });
}

public static class SurveyNotificationKinds
{
    public static readonly NotificationKind Invitation = new()
    {
        Name = "survey-invitation",
        Label = "Survey: invitation with a personal link",
        Placeholders = ["survey_title", "survey_link", "anonymity"],
        SampleValues = new Dictionary<string, string>
        {
            ["survey_title"] = "How was FOSS.my 2026?",
            ["survey_link"] = "https://example.org/surveys/abc123",
            ["anonymity"] = "Your answers are anonymous: the organisers see them without your name.",
        },
        Subject = "{survey_title}",
        Body = """
            Hello {recipient_name},

            Thank you for coming to {event_name}. Would you tell us how it went? It takes a few minutes:

            {survey_link}

            The link is yours alone, needs no login and can be used once. {anonymity}
            """,
    };

    public static IReadOnlyList<NotificationKind> All { get; } = [Invitation];
}
