namespace EventPlanner.Web.Features.Submissions;

/// <summary>One proposal with everything shown on its page, loaded in one round trip.</summary>
public sealed record ProposalDetail(
    ProposalRow Proposal, IReadOnlyList<ProposalSpeakerRow> Speakers, IReadOnlyList<ProposalTrackRow> Tracks,
    IReadOnlyList<AnswerRow> Answers, IReadOnlyList<string> Tags, IReadOnlyList<InvitationRow> Invitations)
{
    public IReadOnlyList<long> TrackIds => Tracks.OrderBy(t => t.Preference).Select(t => t.TrackId).ToList();
    public bool HasSpeaker(long userId) => Speakers.Any(s => s.UserId == userId);
}

/// <summary>A row of "my proposals".</summary>
public sealed record MyProposalRow
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string SessionType { get; init; } = "";
    public string ReleasedState { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
}
