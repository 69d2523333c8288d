using EventPlanner.Web.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Bench.Generator;

/// <summary>
/// A personal API token for every generated account, through the app's ApiTokenStore, so scenarios
/// can act as any organiser, speaker or attendee over the API. The secrets are drawn from the system's
/// random generator (as the store must), so they and their hash and prefix stay out of the digest
/// (<see cref="DatabaseDigest"/>); the rows themselves (owner, name, time) are in it. The secrets
/// travel to the scenarios in memory only (<see cref="GeneratedData.ApiTokens"/>).
/// </summary>
public sealed class ApiTokensStep : IGeneratorStep
{
    public const string TokenName = "bench";

    public string Name => "api-tokens";

    public void AddServices(IServiceCollection services) => services.AddSingleton<ApiTokenStore>();

    public async Task RunAsync(GeneratorContext context, CancellationToken ct)
    {
        var store = context.Services.GetRequiredService<ApiTokenStore>();
        context.Clock.Set(new DateTimeOffset(context.Scale.StartsOn.AddDays(-200).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        foreach (var user in context.Organisers.Concat(context.Reviewers).Concat(context.Speakers).Concat(context.Attendees))
        {
            ct.ThrowIfCancellationRequested();
            var (_, secret) = await store.CreateAsync(user.Id, TokenName, ct);
            context.ApiTokens[user.Email] = secret;
            context.Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }
}
