namespace EventPlanner.Web.Features.Reviews;

/// <summary>
/// The one definition of "proposals this reviewer may see", as SQL over <c>p</c> (proposals) with the parameters
/// <c>@eventId</c>, <c>@userId</c> and <c>@assignedOnly</c>. Every reviewer query includes it, so a conflict, an own
/// proposal or a track limit is enforced in the database read itself, whichever page or endpoint asks:
/// <list type="bullet">
/// <item>drafts and withdrawn proposals are nobody's business;</item>
/// <item>never a proposal the reviewer speaks on, or has a pending invitation to co-present;</item>
/// <item>never one with a declared conflict, on the proposal or with one of its speakers;</item>
/// <item>when the reviewer is in teams of this event, only proposals whose first-choice track and session type
/// one of those teams covers (a team with no track or type rows covers all of them);</item>
/// <item>when the phase reviews assigned proposals only, only those assigned (or already reviewed) by them.</item>
/// </list>
/// </summary>
public static class ReviewerScope
{
    public const string FirstTrack = "(SELECT pt.track_id FROM proposal_tracks pt WHERE pt.proposal_id = p.id ORDER BY pt.preference LIMIT 1)";

    /// <summary>
    /// True when the user speaks on, is invited to, or declared a conflict with proposal p (on it, or with one of its
    /// speakers). Written as separate EXISTS so each is an index look-up, not a scan of the conflicts.
    /// </summary>
    public const string Conflicted = """
        (EXISTS (SELECT 1 FROM proposal_speakers s WHERE s.proposal_id = p.id AND s.user_id = @userId)
         OR EXISTS (SELECT 1 FROM cospeaker_invitations i JOIN users me ON me.id = @userId
                    WHERE i.proposal_id = p.id AND i.normalized_email = me.normalized_email AND i.response IS NULL)
         OR EXISTS (SELECT 1 FROM review_conflicts k WHERE k.user_id = @userId AND k.proposal_id = p.id)
         OR EXISTS (SELECT 1 FROM proposal_speakers s JOIN review_conflicts k ON k.user_id = @userId AND k.speaker_id = s.user_id AND k.event_id = p.event_id
                    WHERE s.proposal_id = p.id))
        """;

    public const string InTeamScope = $"""
        (NOT EXISTS (SELECT 1 FROM review_team_members m JOIN review_teams t ON t.id = m.team_id WHERE m.user_id = @userId AND t.event_id = p.event_id)
         OR EXISTS (SELECT 1 FROM review_team_members m JOIN review_teams t ON t.id = m.team_id
                    WHERE m.user_id = @userId AND t.event_id = p.event_id
                      AND (NOT EXISTS (SELECT 1 FROM review_team_tracks x WHERE x.team_id = t.id)
                           OR EXISTS (SELECT 1 FROM review_team_tracks x WHERE x.team_id = t.id AND x.track_id = {FirstTrack}))
                      AND (NOT EXISTS (SELECT 1 FROM review_team_types y WHERE y.team_id = t.id)
                           OR EXISTS (SELECT 1 FROM review_team_types y WHERE y.team_id = t.id AND y.session_type_id = p.session_type_id))))
        """;

    public const string Visible = $"""
        p.event_id = @eventId AND p.state NOT IN ('draft', 'withdrawn')
        AND NOT {Conflicted}
        AND {InTeamScope}
        AND (@assignedOnly = FALSE
             OR EXISTS (SELECT 1 FROM review_assignments a WHERE a.proposal_id = p.id AND a.user_id = @userId)
             OR EXISTS (SELECT 1 FROM reviews r WHERE r.proposal_id = p.id AND r.user_id = @userId))
        """;

    /// <summary>Organisers review every proposal the other rules allow; the phase's "assigned only" binds reviewers.</summary>
    public static bool AssignedOnly(Reviewer reviewer, EffectivePhase phase) => phase.AssignedOnly && !reviewer.IsOrganiser;

    /// <summary>Whether the phase lets this reviewer score now (the proposal's own checks come on top).</summary>
    public static bool MayScore(ReviewContext ctx, Reviewer reviewer, EffectivePhase phase) =>
        phase.IsOpen && (phase.Phase?.TeamId is not { } team || reviewer.IsOrganiser
                         || ctx.Teams.FirstOrDefault(t => t.Id == team)?.MemberList.Any(m => m.Id == reviewer.UserId) == true);
}
