using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Demo;

/// <summary>
/// Demo data for the call for papers: speaker profiles, a couple of questions, and believable proposals
/// in every state, written through the feature's stores. Runs once per event (it stops when the event
/// already has proposals). The demo orchestrator calls it after creating the event, its tracks and users.
/// </summary>
public static class DemoSubmissions
{
    private sealed record Talk(string Title, string Abstract, string Type, int Minutes, string[] Tracks, string State, string Released, string Level, string[] Tags);

    private static readonly Talk[] Talks =
    [
        new("Packaging Rust crates for Debian", "How the Debian Rust team packages crates, and what upstreams can do to make it easier.", "Talk", 40, ["Kernel", "Distributions"], ProposalStates.Submitted, ProposalStates.Submitted, "intermediate", ["packaging"]),
        new("Your first kernel patch, live", "We find a small bug, fix it, and send the patch to the right list, on stage.", "Workshop", 120, ["Kernel"], ProposalStates.InReview, ProposalStates.InReview, "beginner", ["beginner-friendly"]),
        new("HTMX instead of a SPA", "Server-rendered pages with small, targeted updates: less JavaScript, more accessible.", "Talk", 25, ["Web"], ProposalStates.Shortlisted, ProposalStates.Submitted, "all", ["frontend"]),
        new("Running a community mesh network in Kuala Lumpur", "Three years of rooftop antennas, OpenWrt and neighbours.", "Talk", 40, ["Community", "Networking"], ProposalStates.Accepted, ProposalStates.Accepted, "all", ["community"]),
        new("Reproducible builds: a status report", "Where the major distributions stand and what still breaks bit-for-bit builds.", "Talk", 25, ["Distributions"], ProposalStates.Waitlisted, ProposalStates.Waitlisted, "intermediate", []),
        new("Blockchain for your potluck", "A distributed ledger for who brings which dish.", "Lightning talk", 5, ["Community"], ProposalStates.Rejected, ProposalStates.Rejected, "all", []),
        new("Keynote: twenty years of FOSS in Southeast Asia", "Stories from user groups, conferences and the people who kept them going.", "Keynote", 45, ["Community"], ProposalStates.Confirmed, ProposalStates.Confirmed, "all", ["keynote"]),
        new("Self-hosting Matrix for your user group", "A weekend project that grew: federation, bridges and moderation.", "BoF", 45, ["Community", "Web"], ProposalStates.Withdrawn, ProposalStates.Withdrawn, "all", []),
        new("eBPF observability without tears", "Tracing a production web service with bpftrace one-liners.", "Tutorial", 90, ["Kernel", "Networking"], ProposalStates.Submitted, ProposalStates.Submitted, "advanced", ["tracing"]),
        new("Translating GNOME into Bahasa Melayu", "Tools, glossaries and the volunteers behind them.", "Talk", 25, ["Community"], ProposalStates.Submitted, ProposalStates.Submitted, "beginner", ["localisation"]),
        new("Postgres or SQLite for your side project?", "Half-written: comparing the two for small community apps.", "Talk", 25, ["Web"], ProposalStates.Draft, ProposalStates.Draft, "all", []),
        new("Lightning: my dotfiles", "", "Lightning talk", 5, [], ProposalStates.Draft, ProposalStates.Draft, "all", []),
    ];

    // In the order of the demo speakers' accounts (DemoAccounts), so profile and account names agree.
    // Notes for the organisers, private: what speakers really write there. Every other talk has one, so the demo shows
    // that they stay off the public pages.
    private static readonly string[] Notes =
        ["Happy to shorten it if needed.", "", "I need an HDMI adapter for my laptop.", "", "I can only present after 11:00 on the first day.", ""];

    private static readonly (string Name, string Affiliation, string Bio)[] People =
    [
        ("Mei Lin Ong", "FOSS.my", "Web developer and accessibility advocate."),
        ("Arjun Kumar", "Linux Foundation mentee", "Kernel newbie turned **mentor**."),
        ("Nurul Huda", "Debian", "Debian Developer since 2015; packages Rust and Go software."),
        ("Kenji Sato", "KL Mesh", "Runs a community network on rooftops around Kuala Lumpur."),
    ];

    // Whatever questions the event asks, the seed answers them plausibly so required ones do not block it.
    private static Dictionary<long, string> Answers(CfpContext ctx, long typeId, IReadOnlyCollection<long> tracks, string target) =>
        ctx.Questions.Where(q => q.Target == target && ProposalRules.Applies(q, typeId, tracks)).ToDictionary(q => q.Id, q => q.Kind switch
        {
            QuestionKinds.YesNo => "no",
            QuestionKinds.Number => "1",
            QuestionKinds.Url => "https://example.org/",
            QuestionKinds.SingleChoice => q.OptionList.FirstOrDefault() ?? "",
            QuestionKinds.MultipleChoice => Json.Of(q.OptionList.Take(1)),
            _ => "See the description.",
        });

    public static async Task SeedAsync(IServiceProvider services, string eventSlug, IReadOnlyList<long> speakerUserIds)
    {
        if (speakerUserIds.Count == 0) return;
        var events = services.GetRequiredService<EventStore>();
        var cfp = services.GetRequiredService<CfpStore>();
        var proposals = services.GetRequiredService<ProposalStore>();
        var db = services.GetRequiredService<Db>();
        var codes = services.GetRequiredService<AccessCodeStore>();
        var profiles = services.GetRequiredService<SpeakerProfileStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        if (await events.FindAsync(eventSlug) is not { } e) throw new InvalidOperationException($"No event '{eventSlug}' to seed proposals into.");

        var ctx = await cfp.LoadContextAsync(e);
        if (ctx.Settings is null)
        {
            var now = clock.GetUtcNow();
            await cfp.SaveSettingsAsync(e.Id, new CfpSettingsValues(now.AddDays(-21), now.AddDays(14),
                "We welcome talks, workshops and BoFs about **free and open-source software** and the communities around it.\n\n" +
                "First-time speakers are very welcome: tick the box and we will pair you with a mentor."));
            ctx = await cfp.LoadContextAsync(e);
        }
        if (ctx.Questions.Count == 0)
        {
            var v = new Validator();
            await cfp.AddQuestionAsync(ctx, new QuestionValues(QuestionTargets.Proposal, QuestionKinds.YesNo, "Is this your first talk at a conference?",
                "", [], false, [], [], 0, true), v);
            await cfp.AddQuestionAsync(ctx, new QuestionValues(QuestionTargets.Speaker, QuestionKinds.SingleChoice, "T-shirt size", "",
                ["S", "M", "L", "XL"], false, [], [], 1, true), v);
            ctx = await cfp.LoadContextAsync(e);
        }
        if ((await proposals.ListMineAsync(e.Id, speakerUserIds[0])).Count > 0) return;

        for (var i = 0; i < speakerUserIds.Count; i++)
        {
            var person = People[i % People.Length];
            await profiles.SaveAsync(speakerUserIds[i], new SpeakerProfileValues(person.Name, person.Bio, person.Affiliation, ["https://example.org/" + i]));
        }

        // One unlimited code lets the seed write whatever the demo's dates are; organisers see it in the list.
        var seedCode = $"DEMO-SEED-{Guid.NewGuid():N}"[..20];
        await codes.AddAsync(ctx, new AccessCodeValues(seedCode, "Used by the demo data seeder", null, null, null), new Validator());

        for (var i = 0; i < Talks.Length; i++)
        {
            var talk = Talks[i];
            var type = ctx.Types.FirstOrDefault(t => t.Name == talk.Type) ?? ctx.Types.First();
            var speaker = speakerUserIds[i % speakerUserIds.Count];
            var tracks = talk.Tracks.Select(n => ctx.Tracks.FirstOrDefault(t => t.Name == n)?.Id).OfType<long>().ToList();
            var minutes = type.DurationList.Contains(talk.Minutes) ? talk.Minutes : type.DurationList[0];
            var values = new ProposalValues(talk.Title, talk.Abstract, $"{talk.Abstract}\n\n## Outline\n\n1. Why it matters\n2. How we did it\n3. What you can do next",
                type.Id, minutes, tracks, talk.Level, i == 9 ? "Bahasa Melayu" : "English", Notes[i % Notes.Length], [],
                Answers(ctx, type.Id, tracks, QuestionTargets.Proposal), Answers(ctx, type.Id, tracks, QuestionTargets.Speaker), seedCode);
            var v = new Validator();
            var row = await proposals.CreateAsync(ctx, speaker, values, submit: talk.State != ProposalStates.Draft, v);
            if (row is null) throw new InvalidOperationException($"Demo proposal '{talk.Title}' was refused: {string.Join(" ", v.Errors.SelectMany(x => x.Value))}");
            if (i % 3 == 1 && speakerUserIds.Count > 1) await DemoCoSpeakers.AddAsync(db, row.Id, speakerUserIds[(i + 1) % speakerUserIds.Count], clock.GetUtcNow());
            if (talk.Tags.Length > 0) await proposals.SetTagsAsync(e.Id, row.Id, talk.Tags);
            if (talk.State == ProposalStates.Withdrawn) await proposals.WithdrawAsync(e.Id, row.Id, speaker, new Validator());
            else if (talk.State is not (ProposalStates.Draft or ProposalStates.Submitted)) await DemoProposalStates.SetAsync(db, row.Id, talk.State, talk.Released);
        }
    }
}
