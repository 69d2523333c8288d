using EventPlanner.Web.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Bench.Generator;

/// <summary>
/// Accounts for everyone: organisers, reviewers, speakers, attendees. Rows go through the app's
/// UserStore (Identity's store); UserManager is skipped only for its per-user PBKDF2 (see BenchPassword).
/// The first organiser is the site administrator, so the app issues no set-up link.
/// </summary>
public sealed class UsersStep : IGeneratorStep
{
    public string Name => "users";

    public void AddServices(IServiceCollection services) => services.AddSingleton<UserStore>();

    /// <summary>The address of the <paramref name="number"/>th (from 1) generated account of a kind: organiser, reviewer, speaker, attendee.</summary>
    public static string Email(Scale scale, string kind, int number) => $"{kind}{number:D5}@{scale.EventSlug}.example";

    public async Task RunAsync(GeneratorContext context, CancellationToken ct)
    {
        var store = context.Services.GetRequiredService<UserStore>();
        var random = context.Random;
        var scale = context.Scale;
        var hash = BenchPassword.Hash(random);
        // Sign-ups trickle in over the months before the event.
        context.Clock.Set(new DateTimeOffset(scale.StartsOn.AddDays(-240).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));

        foreach (var (kind, count, into) in new[]
                 {
                     ("organiser", scale.Organisers, context.Organisers),
                     ("reviewer", scale.Reviewers, context.Reviewers),
                     ("speaker", scale.Speakers, context.Speakers),
                     ("attendee", scale.Attendees, context.Attendees),
                 })
        {
            for (var i = 1; i <= count; i++)
            {
                var email = Email(scale, kind, i);
                var user = new AppUser
                {
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(), // what Identity's UpperInvariantLookupNormalizer stores
                    DisplayName = $"{random.Pick(Names.Given)} {random.Pick(Names.Family)}",
                    PasswordHash = hash,
                    SecurityStamp = random.Stamp(),
                    ConcurrencyStamp = random.Stamp(),
                    EmailConfirmed = true,
                    IsAdmin = kind == "organiser" && i == 1,
                };
                var result = await store.CreateAsync(user, ct);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Creating {email} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
                into.Add(user);
                context.Clock.Advance(TimeSpan.FromSeconds(random.Next(1, 600)));
            }
        }
    }
}
