using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Bench.Generator;

/// <summary>
/// The call for papers and its proposals: the CfP's dates (which also give the usual session types),
/// a profile for every speaker, and the scale's number of proposals in every state, type and a spread
/// of tracks, written through CfpStore, SpeakerProfileStore, ProposalStore and CoSpeakerStore while the
/// generator's clock walks through the call (most proposals arrive in its last days, as they do).
/// </summary>
public sealed class ProposalsStep : IGeneratorStep
{
    public string Name => "proposals";

    public void AddServices(IServiceCollection services) => services.AddSubmissions();

    /// <summary>The generated call: it opens 150 days and closes 60 days before the event, at 23:59 in its zone.</summary>
    public static (DateOnly Opens, DateOnly Closes) CfpDates(Scale scale) => (scale.StartsOn.AddDays(-150), scale.StartsOn.AddDays(-60));

    // Session types by name (SessionTypeRules.Defaults) and how often each is proposed.
    private static readonly (string Type, int Weight)[] TypeMix =
        [("Talk", 55), ("Lightning talk", 14), ("BoF", 9), ("Workshop", 8), ("Tutorial", 8), ("Keynote", 6)];

    // What the organisers have decided by the time the list is read; drafts and withdrawals come apart.
    private static readonly (string State, string Released, int Weight)[] Decisions =
    [
        (ProposalStates.Submitted, ProposalStates.Submitted, 15), (ProposalStates.InReview, ProposalStates.Submitted, 35),
        (ProposalStates.Shortlisted, ProposalStates.Submitted, 10), (ProposalStates.Accepted, ProposalStates.Accepted, 15),
        (ProposalStates.Confirmed, ProposalStates.Confirmed, 10), (ProposalStates.Waitlisted, ProposalStates.Waitlisted, 5),
        (ProposalStates.Rejected, ProposalStates.Rejected, 10),
    ];

    private static readonly string[] Openers =
    [
        "Ten years of", "Scaling", "Debugging", "Packaging", "Securing", "Testing", "Teaching", "Funding", "Rewriting",
        "Measuring", "Documenting", "Translating", "Maintaining", "Porting", "Building", "Observing", "Shipping", "Fuzzing",
    ];

    private static readonly string[] Topics =
    [
        "a community mesh network", "the kernel scheduler", "reproducible builds", "a SQLite extension", "Matrix bridges",
        "OpenStreetMap imports", "RISC-V boards", "container images", "a Rust crate", "web accessibility", "Debian packages",
        "the Go runtime", "PostgreSQL replication", "firmware updates", "a translation platform", "mobile Linux", "Nix flakes",
        "LLVM passes", "an Erlang cluster", "browser engines", "public sector code", "a volunteer-run conference",
    ];

    private static readonly string[] Endings =
    [
        "", "", "", ": lessons learned", " on a shoestring", " without burning out", ": a field report", " for newcomers",
        " in production", ": what went wrong", " at scale", " with volunteers",
    ];

    private static readonly string[] Tags =
        ["beginner-friendly", "security", "performance", "community", "packaging", "hardware", "policy", "tooling", "accessibility", "research"];

    private static readonly string[] Languages = ["English", "English", "English", "English", "English", "English", "French", "Dutch", "German", "Spanish"];

    private static readonly string[] Affiliations = ["", "Debian", "KDE", "GNOME", "The Document Foundation", "OpenStreetMap", "Independent", "A university", "A small consultancy"];

    public async Task RunAsync(GeneratorContext context, CancellationToken ct)
    {
        var services = context.Services;
        var cfp = services.GetRequiredService<CfpStore>();
        var proposals = services.GetRequiredService<ProposalStore>();
        var profiles = services.GetRequiredService<SpeakerProfileStore>();
        var coSpeakers = services.GetRequiredService<CoSpeakerStore>();
        var random = context.Random;
        var scale = context.Scale;
        var e = context.RequiredEvent;
        var v = new Validator();

        var (opensOn, closesOn) = CfpDates(scale);
        context.Clock.Set(new DateTimeOffset(opensOn.AddDays(-14).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));
        var settings = CfpRules.Validate(new CfpSettingsInput(
            $"{opensOn:yyyy-MM-dd}T09:00", $"{closesOn:yyyy-MM-dd}T23:59", Names.Paragraph(random, 5)), e.Zone, v) ?? throw GeneratorContext.Invalid("CfP", v);
        await cfp.SaveSettingsAsync(e.Id, settings, ct);
        var ctx = await cfp.LoadContextAsync(e, ct);

        foreach (var speaker in context.Speakers)
        {
            context.Clock.Advance(TimeSpan.FromMinutes(random.Next(1, 60)));
            var profile = SpeakerProfileRules.Validate(new SpeakerProfileInput(speaker.DisplayName, Names.Paragraph(random, 2),
                random.Pick(Affiliations), random.Next(3) == 0 ? [] : [$"https://example.org/{speaker.Id}"]), v) ?? throw GeneratorContext.Invalid("speaker profile", v);
            await profiles.SaveAsync(speaker.Id, profile, ct);
        }

        var created = new List<(long Id, AppUser Owner, Slot Slot)>();
        var span = settings.ClosesAt - settings.OpensAt;
        var plan = Plan(scale.Proposals, ctx.Types);
        Shuffle(random, plan);
        for (var i = 0; i < plan.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var slot = plan[i];
            // 1 - (1 - x)^3: dense towards the deadline, and never past it.
            var x = (i + 0.5) / plan.Count;
            context.Clock.Set(settings.OpensAt + span * (1 - Math.Pow(1 - x, 3)));
            var ownerIndex = random.Next(context.Speakers.Count);
            var owner = context.Speakers[ownerIndex];
            var input = new ProposalInput(
                Title: $"{random.Pick(Openers)} {random.Pick(Topics)}{random.Pick(Endings)}",
                Abstract: slot.Draft && random.Next(2) == 0 ? "" : Names.Paragraph(random, random.Next(2, 5)),
                Description: $"{Names.Paragraph(random, 3)}\n\n## Outline\n\n1. {Names.Sentence(random, 6)}\n2. {Names.Sentence(random, 6)}\n3. {Names.Sentence(random, 6)}",
                SessionTypeId: slot.Type.Id,
                DurationMinutes: random.Pick(slot.Type.DurationList),
                TrackIds: ctx.Tracks.OrderBy(_ => random.Next()).Take(slot.Tracks).Select(t => t.Id).ToList(),
                AudienceLevel: random.Pick(AudienceLevels.All),
                Language: random.Pick(Languages),
                Notes: random.Next(4) == 0 ? Names.Sentence(random, 10) : "",
                Availability: [], Answers: [], AccessCode: null);
            var values = ProposalRules.Validate(input, ctx, v) ?? throw GeneratorContext.Invalid("proposal", v);
            var row = await proposals.CreateAsync(ctx, owner.Id, values, submit: !slot.Draft, v, ct: ct) ?? throw GeneratorContext.Invalid("proposal", v);
            created.Add((row.Id, owner, slot));

            if (slot.CoSpeaker && context.Speakers.Count > 1)
            {
                var co = context.Speakers[(ownerIndex + 1 + random.Next(context.Speakers.Count - 1)) % context.Speakers.Count];
                var invitation = await coSpeakers.InviteAsync(e.Id, row.Id, owner.Id, co.Email, v, ct) ?? throw GeneratorContext.Invalid("co-speaker invitation", v);
                context.Clock.Advance(TimeSpan.FromMinutes(random.Next(5, 600)));
                _ = await coSpeakers.AnswerAsync(invitation.Token, co.Id, accept: true, v, ct) ?? throw GeneratorContext.Invalid("co-speaker answer", v);
            }
        }

        // After the deadline: the committee tags, a few speakers withdraw, and decisions are taken.
        context.Clock.Set(settings.ClosesAt.AddDays(3));
        foreach (var p in created.Where(p => p.Slot.Tags > 0))
        {
            await proposals.SetTagsAsync(e.Id, p.Id, Tags.OrderBy(_ => random.Next()).Take(p.Slot.Tags).ToList(), ct);
        }
        foreach (var p in created.Where(p => p.Slot.Withdrawn))
        {
            context.Clock.Advance(TimeSpan.FromHours(random.Next(1, 48)));
            _ = await proposals.WithdrawAsync(e.Id, p.Id, p.Owner.Id, v, ct) ?? throw GeneratorContext.Invalid("withdrawal", v);
        }
        // Decisions belong to the Reviews feature, which has no store yet; ProposalStore's own setter is
        // internal to the app (demo data). So this one UPDATE, the same as that setter, stands in for it
        // until Reviews lands; then this step should take decisions through the Reviews store.
        await services.GetRequiredService<Db>().WriteAsync(async (c, tx) =>
        {
            foreach (var p in created.Where(p => p.Slot.Decision.State != ProposalStates.Submitted))
            {
                await c.ExecuteAsync("UPDATE proposals SET state = @State, released_state = @Released WHERE id = @id",
                    new { id = p.Id, p.Slot.Decision.State, p.Slot.Decision.Released }, tx);
            }
        }, ct);
    }

    /// <summary>What one proposal will be; drafts and withdrawals keep the 'submitted' decision, which writes nothing.</summary>
    private sealed record Slot(SessionTypeRow Type, bool Draft, bool CoSpeaker, int Tracks, int Tags, bool Withdrawn, (string State, string Released) Decision);

    /// <summary>
    /// The proposals' make-up from their number alone (how many of each type, drafts, co-speakers, tags, withdrawals,
    /// decisions), so that every seed gives the same row counts; the seed then shuffles which proposal gets what.
    /// </summary>
    private static List<Slot> Plan(int count, IReadOnlyList<SessionTypeRow> types)
    {
        var typeOf = Apportion(count, TypeMix.Select(m => (types.First(t => t.Name == m.Type), m.Weight)).ToList());
        var decisions = Apportion(count, Decisions.Select(d => ((d.State, d.Released), d.Weight)).ToList());
        // Both lists come grouped; stepping through the decisions by a stride prime to the count spreads them over the types.
        var stride = Enumerable.Range(37, count).First(k => Gcd(k, count) == 1);
        return Enumerable.Range(0, count).Select(i =>
        {
            var draft = i % 16 == 15;
            var withdrawn = !draft && i % 25 == 12;
            return new Slot(typeOf[i], draft, CoSpeaker: !draft && typeOf[i].MaxSpeakers > 1 && i % 7 == 3, Tracks: 1 + i % 3,
                Tags: !draft && i % 4 == 1 ? 1 + i / 4 % 2 : 0, withdrawn,
                draft || withdrawn ? (ProposalStates.Submitted, ProposalStates.Submitted) : decisions[(int)((long)i * stride % count)]);
        }).ToList();
    }

    /// <summary><paramref name="count"/> items in proportion to their weights (largest remainder), in order.</summary>
    private static List<T> Apportion<T>(int count, IReadOnlyList<(T Item, int Weight)> mix)
    {
        var total = mix.Sum(m => m.Weight);
        var shares = mix.Select((m, k) => (m.Item, k, Exact: (double)count * m.Weight / total)).ToList();
        var whole = shares.Select(s => (int)Math.Floor(s.Exact)).ToArray();
        foreach (var s in shares.OrderByDescending(s => s.Exact - Math.Floor(s.Exact)).ThenBy(s => s.k).Take(count - whole.Sum())) whole[s.k]++;
        return shares.SelectMany(s => Enumerable.Repeat(s.Item, whole[s.k])).ToList();
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    private static void Shuffle<T>(Random random, IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
