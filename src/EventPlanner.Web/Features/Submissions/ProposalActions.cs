using System.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// The proposal operations as pages and the API both call them: validate, then write in one
/// transaction, which also queues the notices for the people concerned (see <see cref="SubmissionNotices"/>).
/// </summary>
public sealed class ProposalActions(ProposalStore proposals)
{
    public Task<ProposalRow?> CreateAsync(CfpContext ctx, long userId, ProposalInput input, Validator v, CancellationToken ct = default)
    {
        var values = ProposalRules.Validate(input, ctx, v);
        return values is null ? Task.FromResult<ProposalRow?>(null) : proposals.CreateAsync(ctx, userId, values, input.Submit == true, v, ct: ct);
    }

    public Task<ProposalRow?> UpdateAsync(CfpContext ctx, ProposalRow current, long userId, ProposalInput input, Validator v, CancellationToken ct = default)
    {
        var values = ProposalRules.Validate(input, ctx, v);
        return values is null ? Task.FromResult<ProposalRow?>(null)
            : proposals.UpdateAsync(ctx, current.Id, userId, values, asOrganiser: false, submit: input.Submit == true, v, ct);
    }

    public Task<ProposalRow?> SubmitAsync(CfpContext ctx, long id, long userId, string? accessCode, Validator v, CancellationToken ct = default) =>
        proposals.SubmitAsync(ctx, id, userId, accessCode, v, ct);

    public Task<ProposalRow?> WithdrawAsync(CfpContext ctx, long id, long userId, Validator v, CancellationToken ct = default,
        Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null) =>
        proposals.WithdrawAsync(ctx.Event.Id, id, userId, v, ct, stillAsShown);

    /// <summary>An organiser's edit: no deadline, every field may change, and the speakers are told.</summary>
    public Task<ProposalRow?> EditAsOrganiserAsync(CfpContext ctx, long id, long organiserId, ProposalInput input, Validator v, CancellationToken ct = default)
    {
        var values = ProposalRules.Validate(input, ctx, v);
        return values is null ? Task.FromResult<ProposalRow?>(null)
            : proposals.UpdateAsync(ctx, id, organiserId, values, asOrganiser: true, submit: false, v, ct);
    }
}
