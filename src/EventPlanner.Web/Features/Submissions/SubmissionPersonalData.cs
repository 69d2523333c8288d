using System.Data;
using Dapper;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Infrastructure.PersonalDataSql;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// A speaker's profile, answers, proposals with their history, and co-speaker invitations. On erasure (as pretalx
/// does) a talk the programme accepted stays, without the person: it may be on a published schedule that others
/// planned their day by. A proposal the person alone gave that was never accepted goes with them (a spam speaker's
/// proposals too). Invitations sent to the address lose it. The profile and answers go by ON DELETE CASCADE.
/// </summary>
public sealed class SubmissionPersonalData : IPersonalDataContributor
{
    public string Section => "submissions";

    private const string Mine = "SELECT proposal_id FROM proposal_speakers WHERE user_id = @UserId";

    public async Task<object> ExportAsync(IDbConnection c, PersonalDataSubject who, CancellationToken ct) => new Dictionary<string, object>
    {
        ["speaker_profile"] = await RowsAsync(c, "SELECT full_name, bio, affiliation, links, photo_content_type, updated_at FROM speaker_profiles WHERE user_id = @UserId", who),
        ["speaker_answers"] = await RowsAsync(c, """
            SELECT e.slug AS event, q.prompt AS question, a.value FROM speaker_answers a JOIN events e ON e.id = a.event_id
            JOIN cfp_questions q ON q.id = a.question_id WHERE a.user_id = @UserId
            """, who),
        ["proposals"] = await RowsAsync(c, $"""
            SELECT p.id, e.slug AS event, p.title, p.abstract, p.description, p.duration_minutes, p.audience_level, p.language, p.notes,
                   p.availability, p.state, p.created_at, p.updated_at, p.submitted_at, p.withdrawn_at
            FROM proposals p JOIN events e ON e.id = p.event_id WHERE p.id IN ({Mine}) ORDER BY p.id
            """, who),
        ["proposal_history"] = await RowsAsync(c, $"""
            SELECT v.proposal_id, v.version, v.change, v.state, v.title, v.abstract, v.description, v.notes, v.edited_at,
                   (v.edited_by = @UserId) AS edited_by_you
            FROM proposal_versions v WHERE v.proposal_id IN ({Mine}) ORDER BY v.proposal_id, v.version
            """, who),
        ["proposal_answers"] = await RowsAsync(c, $"""
            SELECT a.proposal_id, q.prompt AS question, a.value FROM proposal_answers a JOIN cfp_questions q ON q.id = a.question_id
            WHERE a.proposal_id IN ({Mine})
            """, who),
        ["cospeaker_invitations"] = await RowsAsync(c, """
            SELECT i.proposal_id, i.email, i.created_at, i.response, i.responded_at FROM cospeaker_invitations i
            WHERE i.invited_by = @UserId OR i.normalized_email = @NormalizedEmail ORDER BY i.id
            """, who),
    };

    public async Task EraseAsync(IDbConnection c, IDbTransaction tx, PersonalDataSubject who)
    {
        await c.ExecuteAsync($"""
            DELETE FROM proposals WHERE id IN ({Mine})
              AND state NOT IN ('{ProposalStates.Accepted}', '{ProposalStates.Confirmed}')
              AND NOT EXISTS (SELECT 1 FROM proposal_speakers o WHERE o.proposal_id = proposals.id AND o.user_id <> @UserId)
            """, who, tx);
        // The address is the invitation's only personal datum; the row stays so the proposal's history reads right.
        await c.ExecuteAsync("""
            UPDATE cospeaker_invitations SET email = 'erased-' || id || '@eventplanner.invalid', normalized_email = upper('erased-' || id || '@eventplanner.invalid')
            WHERE normalized_email = @NormalizedEmail
            """, who, tx);
    }
}
