using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Submissions;

// Responses. Instants are UTC; the *Local fields give the same instant in the event's zone.
public sealed record CfpResponse(
    string Event, string TimeZone, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, string? OpensAtLocal, string? ClosesAtLocal,
    bool IsOpen, string Intro, IReadOnlyList<SessionTypeResponse> SessionTypes, IReadOnlyList<TrackResponse> Tracks, IReadOnlyList<QuestionResponse> Questions);

public sealed record SessionTypeResponse(
    long Id, string Name, IReadOnlyList<int> Durations, DateTimeOffset? ClosesAt, string? ClosesAtLocal, bool AcceptsLate, bool IsHidden,
    bool IsEnabled, int MaxSpeakers, int SortOrder);

public sealed record QuestionResponse(
    long Id, string Target, string Kind, string Prompt, string Help, IReadOnlyList<string> Options, bool IsRequired,
    IReadOnlyList<long> TrackIds, IReadOnlyList<long> SessionTypeIds, int SortOrder, bool IsActive);

public sealed record AccessCodeResponse(long Id, string Code, string Description, long? SessionTypeId, DateTimeOffset? ExpiresAt, int? MaxUses, int Uses);

public sealed record TrackPreferenceResponse(long Id, string Name, int Preference);
public sealed record AnswerResponse(long QuestionId, string Value);
public sealed record SpeakerResponse(long UserId, string Name, string Email, bool IsOwner);
public sealed record InvitationResponse(long Id, string Email, DateTimeOffset ExpiresAt, string Status);

/// <summary>A proposal. For its speakers <c>State</c> is the released state and the organisers' fields are null.</summary>
public sealed record ProposalResponse(
    long Id, string Event, string Title, string Abstract, string Description, long SessionTypeId, string SessionType, int? DurationMinutes,
    IReadOnlyList<TrackPreferenceResponse> Tracks, string AudienceLevel, string Language, string Notes, IReadOnlyList<AvailabilityRange> Availability,
    IReadOnlyList<AnswerResponse> Answers, string State, IReadOnlyList<SpeakerResponse> Speakers, IReadOnlyList<InvitationResponse> Invitations,
    bool SubmittedLate, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt,
    string? ReleasedState = null, IReadOnlyList<string>? Tags = null);

public sealed record MyProposalResponse(long Id, string Title, string SessionType, string State, DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt);

public static class SubmissionMapping
{
    public static SessionTypeResponse AsResponse(this SessionTypeRow t, TimeZoneInfo zone) =>
        new(t.Id, t.Name, t.DurationList, t.ClosesAt, t.ClosesAt is { } c ? CfpTime.ToInput(c, zone) : null, t.AcceptsLate, t.IsHidden,
            t.IsEnabled, t.MaxSpeakers, t.SortOrder);

    public static QuestionResponse AsResponse(this QuestionRow q) =>
        new(q.Id, q.Target, q.Kind, q.Prompt, q.Help, q.OptionList, q.IsRequired, q.TrackIdList, q.SessionTypeIdList, q.SortOrder, q.IsActive);

    public static AccessCodeResponse AsResponse(this AccessCodeRow a) => new(a.Id, a.Code, a.Description, a.SessionTypeId, a.ExpiresAt, a.MaxUses, a.Uses);

    public static MyProposalResponse AsResponse(this MyProposalRow p) => new(p.Id, p.Title, p.SessionType, p.ReleasedState, p.UpdatedAt, p.SubmittedAt);

    /// <summary>The public view of the call: hidden and disabled types and inactive questions are left out unless asked for.</summary>
    public static CfpResponse AsResponse(this CfpContext ctx, DateTimeOffset now, bool everything)
    {
        var zone = ctx.Event.Zone;
        var s = ctx.Settings;
        return new CfpResponse(ctx.Event.Slug, zone.Id, s?.OpensAt, s?.ClosesAt,
            s?.OpensAt is { } o ? CfpTime.ToInput(o, zone) : null, s?.ClosesAt is { } c ? CfpTime.ToInput(c, zone) : null,
            DeadlineRules.IsOpen(now, s), s?.Intro ?? "",
            ctx.Types.Where(t => everything || (t.IsEnabled && !t.IsHidden)).Select(t => t.AsResponse(zone)).ToList(),
            ctx.Tracks.Select(t => t.AsResponse()).ToList(),
            ctx.Questions.Where(q => everything || q.IsActive).Select(q => q.AsResponse()).ToList());
    }

    public static ProposalResponse AsResponse(this ProposalDetail d, CfpContext ctx, DateTimeOffset now, bool forOrganiser)
    {
        var p = d.Proposal;
        return new ProposalResponse(p.Id, ctx.Event.Slug, p.Title, p.Abstract, p.Description, p.SessionTypeId, ctx.Type(p.SessionTypeId)?.Name ?? "",
            p.DurationMinutes, d.Tracks.Select(t => new TrackPreferenceResponse(t.TrackId, t.Name, t.Preference)).ToList(), p.AudienceLevel,
            p.Language, p.Notes, p.AvailabilityList, d.Answers.Select(a => new AnswerResponse(a.QuestionId, a.Value)).ToList(),
            forOrganiser ? p.State : p.ReleasedState,
            d.Speakers.Select(s => new SpeakerResponse(s.UserId, s.Name, s.Email, s.IsOwner)).ToList(),
            d.Invitations.Select(i => new InvitationResponse(i.Id, i.Email, i.ExpiresAt, InvitationStatus(i, now))).ToList(),
            p.SubmittedLate, p.Version, p.CreatedAt, p.UpdatedAt, p.SubmittedAt,
            forOrganiser ? p.ReleasedState : null, forOrganiser ? d.Tags : null);
    }

    public static string InvitationStatus(InvitationRow i, DateTimeOffset now) =>
        i.Response ?? (now >= i.ExpiresAt ? "expired" : "pending");
}
