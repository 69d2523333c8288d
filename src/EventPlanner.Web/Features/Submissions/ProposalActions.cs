using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// The proposal operations as pages and the API both call them: validate, write in one transaction,
/// then (after the commit) tell the people concerned.
/// </summary>
public sealed class ProposalActions(ProposalStore proposals, SubmissionNotices notices)
{
    public async Task<ProposalRow?> CreateAsync(CfpContext ctx, long userId, ProposalInput input, Validator v, CancellationToken ct = default)
    {
        var values = ProposalRules.Validate(input, ctx, v);
        if (values is null) return null;
        var submit = input.Submit == true;
        var row = await proposals.CreateAsync(ctx, userId, values, submit, v, ct: ct);
        if (row is { State: ProposalStates.Submitted }) await notices.ProposalSubmittedAsync(ctx.Event, row.Id, ct);
        return row;
    }

    public async Task<ProposalRow?> UpdateAsync(CfpContext ctx, ProposalRow current, long userId, ProposalInput input, Validator v, CancellationToken ct = default)
    {
        var values = ProposalRules.Validate(input, ctx, v);
        if (values is null) return null;
        var row = await proposals.UpdateAsync(ctx, current.Id, userId, values, asOrganiser: false, submit: input.Submit == true, v, ct);
        if (row is not null && current.State == ProposalStates.Draft && row.State == ProposalStates.Submitted)
        {
            await notices.ProposalSubmittedAsync(ctx.Event, row.Id, ct);
        }
        return row;
    }

    public async Task<ProposalRow?> SubmitAsync(CfpContext ctx, long id, long userId, string? accessCode, Validator v, CancellationToken ct = default)
    {
        var row = await proposals.SubmitAsync(ctx, id, userId, accessCode, v, ct);
        if (row is not null) await notices.ProposalSubmittedAsync(ctx.Event, row.Id, ct);
        return row;
    }

    public Task<ProposalRow?> WithdrawAsync(CfpContext ctx, long id, long userId, Validator v, CancellationToken ct = default) =>
        proposals.WithdrawAsync(ctx.Event.Id, id, userId, v, ct);

    /// <summary>An organiser's edit: no deadline, every field may change, and the speakers are told.</summary>
    public async Task<ProposalRow?> EditAsOrganiserAsync(CfpContext ctx, long id, long organiserId, string organiserName, ProposalInput input, Validator v, CancellationToken ct = default)
    {
        var values = ProposalRules.Validate(input, ctx, v);
        if (values is null) return null;
        var row = await proposals.UpdateAsync(ctx, id, organiserId, values, asOrganiser: true, submit: false, v, ct);
        if (row is not null) await notices.EditedByOrganiserAsync(ctx.Event, row.Id, organiserName, ct);
        return row;
    }
}
