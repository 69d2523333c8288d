using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>Inviting co-speakers and copying proposals, as pages and the API both call them.</summary>
public sealed class CoSpeakerActions(CoSpeakerStore invitations, ProposalStore proposals)
{
    public async Task<InvitationRow?> InviteAsync(SpeakerScope scope, string inviterName, string? email, Validator v, CancellationToken ct = default)
    {
        var address = v.Required("email", email, 254, "Email");
        if (address is not null && !System.Net.Mail.MailAddress.TryCreate(address, out _)) v.Add("email", $"'{address}' is not an email address.");
        if (v.HasErrors) return null;
        var result = await invitations.InviteAsync(scope.Event, scope.Proposal.Id, scope.UserId, inviterName, address!, v, ct);
        return result?.Invitation;
    }

    /// <summary>"Submit to another event": a draft in the target's call, with the session type and tracks matched by name.</summary>
    public async Task<ProposalRow?> CopyAsync(SpeakerScope scope, CfpContext target, long? sessionTypeId, Validator v, CancellationToken ct = default)
    {
        if (!target.Event.IsPublic)
        {
            v.Add("targetEvent", "Name another public event whose call for papers is open.");
            return null;
        }
        var source = (await proposals.LoadDetailAsync(scope.Proposal.Id, ct))!;
        var p = source.Proposal;
        var sourceTypeName = (await proposals.SessionTypeNameAsync(p.SessionTypeId, ct)) ?? "";
        var type = sessionTypeId is { } t ? target.Type(t)
            : target.Types.FirstOrDefault(x => x.IsEnabled && !x.IsHidden && string.Equals(x.Name, sourceTypeName, StringComparison.OrdinalIgnoreCase));
        if (type is null)
        {
            v.Add("sessionTypeId", $"{target.Event.Name} has no '{sourceTypeName}' session type; choose one of its types.");
            return null;
        }
        var trackNames = source.Tracks.OrderBy(x => x.Preference).Select(x => x.Name).ToList();
        var tracks = trackNames.Select(n => target.Tracks.FirstOrDefault(k => string.Equals(k.Name, n, StringComparison.OrdinalIgnoreCase)))
            .OfType<Events.TrackRow>().Select(k => k.Id).ToList();
        var input = new ProposalInput(p.Title, p.Abstract, p.Description, type.Id,
            p.DurationMinutes is { } d && type.DurationList.Contains(d) ? d : null, tracks, p.AudienceLevel, p.Language, p.Notes, [], [], null);
        var values = ProposalRules.Validate(input, target, v);
        return values is null ? null : await proposals.CreateAsync(target, scope.UserId, values, submit: false, v, copiedFrom: p.Id, ct: ct);
    }
}
