using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Demo;

/// <summary>
/// Community rooms at the demo meetup, made through the feature's own stores: Ubuntu Malaysia and Fedora Malaysia have
/// Saturday afternoon rooms, FOSSChix a Sunday afternoon room, each with sessions of its own; FOSSChix also waits for an
/// answer to a second request. Hosts are demo attendees (Farah, Jason, Kavitha). Runs before the schedule part, so the
/// first release carries the groups' sessions; the times keep clear of the demo programme. Runs once (it stops when the
/// event has any community group).
/// </summary>
public sealed class DemoCommunity : IDemoPart
{
    private sealed record Session(string Title, string Start, string End, string Abstract, string[] Emails, string[] Guests);

    private sealed record Group(string Name, string Description, string Contacts, string Logo, int Host, string Room, int Day, string Start, string End,
        int People, string Purpose, string Av, Session[] Sessions);

    private static Group[] Groups(DemoData data) =>
    [
        new("Ubuntu Malaysia", "The Malaysian Ubuntu community (LoCo): release parties, install fests and help for newcomers.",
            "Telegram: t.me/ubuntu_my\nMatrix: #ubuntu-my:matrix.org", "https://assets.ubuntu.com/v1/29985a98-ubuntu-logo32.png", 0,
            "Room Ubuntu", 0, "14:00", "16:00", 45, "Talks and an install party for the new LTS.", "Projector, two microphones, power strips",
            [
                new("Ubuntu 26.04 LTS: what is new", "14:00", "14:40", "Kernel, desktop and server changes in the new LTS, demoed live.", [], ["Aiman Yusof"]),
                new("Install party and snap Q&A", "14:45", "15:45", "Bring a laptop: we install, you ask.", [data.Attendees[0].Email!], ["Aiman Yusof"]),
            ]),
        new("Fedora Malaysia", "Fedora contributors and users in Malaysia.", "Discourse: discussion.fedoraproject.org/tag/my-team",
            "https://fedoraproject.org/assets/images/fedora-coloured.png", 1, "Room Fedora", 0, "14:00", "16:30", 40,
            "Release party and a packaging clinic.", "Projector",
            [
                new("Fedora release party", "14:00", "14:45", "What is new in Fedora, with cake.", [], ["Tan Wei Ming"]),
                new("Packaging clinic: your first RPM", "15:00", "16:00", "From spec file to Copr build in one hour.", [data.Attendees[1].Email!], []),
            ]),
        new("FOSSChix", "A community for women and non-binary people in free and open source software in Malaysia.",
            "hello@fosschix.example.org", "https://fosschix.example.org/logo.png", 2, "Room Fedora", 1, "15:15", "17:15", 50,
            "Stories and a mentoring circle.", "Microphone",
            [
                new("Women in FOSS: lightning stories", "15:15", "16:00", "Five short stories of first contributions.", [data.Attendees[2].Email!], ["Siti Nurhaliza Ahmad"]),
                new("Mentoring circle", "16:15", "17:00", "Small tables, one mentor each: CVs, first issues, conference talks.", [], []),
            ]),
    ];

    public async Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct)
    {
        var e = data.RequireEvent();
        var queries = services.GetRequiredService<CommunityQueries>();
        if ((await queries.GroupsAsync(e.Id, all: true, ct)).Count > 0 || data.Attendees.Count < 3 || data.Organisers.Count == 0) return;
        var facts = await queries.RoomFactsAsync(e, ct);
        if (facts.Days.Count < 2) return;
        var groups = services.GetRequiredService<GroupStore>();
        var blocks = services.GetRequiredService<BlockStore>();
        var sessions = services.GetRequiredService<BlockSessionStore>();
        var organiser = data.Organisers[0].Id;

        foreach (var g in Groups(data))
        {
            var host = data.Attendees[g.Host].Id;
            var v = new Validator();
            var group = Must(await groups.CreateAsync(e, host, new GroupValues(g.Name, g.Description, g.Contacts, g.Logo), v, ct), v, g.Name);
            Must(await groups.ApproveAsync(e, group.Id, organiser, ct), v, g.Name);
            var block = Must(await blocks.RequestAsync(e, group.Id, host, Request(e, facts, g.Room, g.Day, g.Start, g.End, g.People, g.Purpose, g.Av), v, ct), v, g.Name);
            Must(await blocks.ApproveAsync(e, block.Id, organiser, null, "See you there!", v, ct), v, g.Name);
            data.CountAdded(3);
            foreach (var s in g.Sessions)
            {
                var values = new BlockSessionValues("talk", s.Title, s.Abstract, TimeOnly.Parse(s.Start), TimeOnly.Parse(s.End), s.Emails, s.Guests);
                Must(await sessions.SaveAsync(e, block.Id, null, host, values, null, v, ct), v, s.Title);
                data.CountAdded();
            }
            if (g.Name == "FOSSChix")
            {
                // A second request the organisers have not answered yet.
                Must(await blocks.RequestAsync(e, group.Id, host, Request(e, facts, "Room Ubuntu", 1, "13:00", "14:30", 40,
                    "Contributor speed-mentoring: ten-minute rounds with maintainers.", "None"), v, ct), v, g.Name);
                data.CountAdded();
            }
        }
    }

    private static RequestValues Request(EventRow e, RoomFacts facts, string room, int day, string start, string end, int people, string purpose, string av)
    {
        var roomId = (facts.Rooms.FirstOrDefault(r => r.Name == room) ?? facts.Rooms[0]).Id;
        var date = facts.Days[day].Date;
        var v = new Validator();
        var starts = CommunityInputRules.Utc(e, date, TimeOnly.Parse(start), "start", v)!.Value;
        var ends = CommunityInputRules.Utc(e, date, TimeOnly.Parse(end), "end", v)!.Value;
        return new RequestValues(new TimeRange(roomId, starts, ends), people, purpose, av);
    }

    private static T Must<T>(WriteResult<T> outcome, Validator v, string what) => outcome.IsOk
        ? outcome.Value!
        : throw new InvalidOperationException($"Demo community ({what}): {outcome.Kind} {outcome.FormMessage ?? outcome.Message} {string.Join("; ", v.Errors.SelectMany(x => x.Value))}");
}
