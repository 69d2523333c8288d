using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Bench.Generator;

/// <summary>The event's granted roles: the other organisers and the review committee.</summary>
public sealed class TeamStep : IGeneratorStep
{
    public string Name => "team";

    public async Task RunAsync(GeneratorContext context, CancellationToken ct)
    {
        var store = context.Services.GetRequiredService<TeamStore>();
        var eventId = context.RequiredEvent.Id;
        var lead = context.Organisers[0].Id;
        var v = new Validator();
        foreach (var (user, role) in context.Organisers.Skip(1).Select(u => (u, EventRoles.Organiser))
                     .Concat(context.Reviewers.Select(u => (u, EventRoles.Reviewer))))
        {
            context.Clock.Advance(TimeSpan.FromMinutes(context.Random.Next(5, 120)));
            _ = await store.GrantAsync(eventId, user.Email, role, lead, v, ct) ?? throw GeneratorContext.Invalid("role", v);
        }
    }
}
