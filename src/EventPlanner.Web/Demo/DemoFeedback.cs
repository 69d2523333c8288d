using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Feedback;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Surveys;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Demo;

/// <summary>
/// Last week's one-day meetup (two days before the seed, so its feedback is still open): four talks on the released
/// schedule, the attendees checked in, ratings with comments on every talk but one attendee's starred talk (theirs to
/// rate), and a closed survey with answers. Runs once (it stops when the meetup exists).
/// </summary>
public sealed class DemoFeedback : IDemoPart
{
    public const string Slug = "fossmy-meetup-12";

    private static readonly (string Title, string Track, int Speaker, string Start, string Abstract)[] Talks =
    [
        ("Running Forgejo for a university", "Talks", 0, "19:00", "Two thousand students, one small VM and a lot of caching."),
        ("Bahasa Melayu translations with Weblate", "Talks", 1, "19:40", "How a dozen volunteers kept up with three desktop releases."),
        ("Your first Debian package", "Talks", 2, "20:20", "From a tarball to a .deb that passes lintian, live."),
        ("Five lightning talks", "Lightning", 3, "21:00", "Home labs, e-ink dashboards and a keyboard firmware."),
    ];

    public async Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct)
    {
        var events = services.GetRequiredService<EventStore>();
        var venue = services.GetRequiredService<VenueStore>();
        var team = services.GetRequiredService<TeamStore>();
        if (await events.FindAsync(Slug, ct) is not null || data.Attendees.Count < 4 || data.Speakers.Count < 4) return;
        var v = new Validator();
        var day = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).AddDays(-2);
        var values = EventRules.Validate(new EventInput(Slug, "FOSS.my Meetup #12", "Our monthly evening of talks, in a hackerspace.",
            "Hackerspace KL, Petaling Jaya", "Asia/Kuala_Lumpur", day.ToString("yyyy-MM-dd"), day.ToString("yyyy-MM-dd"), true, null), v);
        var e = values is null ? null : await events.CreateAsync(values, data.Organisers[0].Id, v, ct);
        if (e is null) throw Failed(v);
        data.CountAdded();
        await venue.SetDayHoursAsync(e.Id, day, new TimeOnly(18, 30), new TimeOnly(22, 30), ct);
        var room = await venue.AddRoomAsync(e.Id, ("Hackerspace", 80, "Ground floor, step-free from the car park.", 0), v, ct) ?? throw Failed(v);
        var tracks = new Dictionary<string, long>();
        foreach (var (name, colour) in new[] { ("Talks", "#1f77b4"), ("Lightning", "#ff7f0e") })
            tracks[name] = (await venue.AddTrackAsync(e.Id, (name, colour), v, ct) ?? throw Failed(v)).Id;
        foreach (var organiser in data.Organisers.Skip(1)) await team.GrantAsync(e.Id, organiser.Email!, EventRoles.Organiser, data.Organisers[0].Id, v, ct);

        var sessions = services.GetRequiredService<SessionStore>();
        var talkIds = new List<long>();
        foreach (var t in Talks)
        {
            var s = await sessions.CreateAsync(e.Id, new SessionValues(SessionKinds.Talk, t.Title, t.Abstract, "", "English", tracks[t.Track], 35, 60,
                [data.Speakers[t.Speaker].Email!], false), v, ct) ?? throw Failed(v);
            var placement = SessionRules.Validate(new PlacementInput(room.Id, day.ToString("yyyy-MM-dd"), t.Start, s.Version), e, v);
            var placed = await sessions.PlaceAsync(e.Id, s.Id, s.Version, placement, v, ct);
            talkIds.Add((placed.Session() ?? throw Failed(v)).Id);
            data.CountAdded();
        }
        if (await services.GetRequiredService<ReleaseStore>().ReleaseAsync(e, data.Organisers[0].Id, new ReleaseInput(NotifyModes.None, true, "Demo data"), v, ct) is null)
            throw Failed(v);

        // Tickets of an evening that is over: written as they stand afterwards (issued, checked in at the door), since
        // registration and check-in refuse a past event. Demo/ fills tables outside any feature.
        var db = services.GetRequiredService<Db>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var doors = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 45)), TimeSpan.Zero); // 18:45 in Kuala Lumpur
        await db.WriteAsync(async (c, tx) =>
        {
            var type = await c.ExecuteScalarAsync<long>("""
                INSERT INTO ticket_types (event_id, name, description, quota, taken, created_at) VALUES (@Id, 'Free', 'Free entry; please register.', 80, @n, @now) RETURNING id
                """, new { e.Id, n = data.Attendees.Count, now }, tx);
            foreach (var a in data.Attendees)
            {
                await c.ExecuteAsync("""
                    INSERT INTO tickets (event_id, ticket_type_id, holder_user_id, secret, status, badge_name, checked_in_at, created_at, updated_at)
                    VALUES (@Id, @type, @user, @secret, 'valid', @name, @doors, @now, @now)
                    """, new { e.Id, type, user = a.Id, secret = TicketSecrets.NewSecret(), name = a.DisplayName, doors, now }, tx);
            }
        }, ct);
        data.CountAdded(data.Attendees.Count + 1);

        // Everyone starred a talk; the first attendee's starred talk is left for them to rate (the demo's journey).
        var agenda = services.GetRequiredService<AgendaStore>();
        for (var i = 0; i < data.Attendees.Count; i++) await agenda.StarAsync(data.Attendees[i].Id, e.Id, talkIds[i % 3], ct);
        await agenda.StarAsync(data.Attendees[0].Id, e.Id, talkIds[2], ct);
        var feedback = services.GetRequiredService<FeedbackStore>();
        (int Attendee, int Talk, int Rating, string Comment)[] ratings =
        [
            (1, 0, 5, "Clear and practical; the caching numbers were a revelation."), (2, 0, 4, ""), (3, 0, 4, "Slides were hard to read from the back."),
            (0, 1, 5, "Terima kasih! I signed up to translate afterwards."), (2, 1, 3, ""), (3, 1, 5, ""),
            (1, 2, 2, "Too fast for beginners, but the live demo was brave."), (3, 2, 4, ""),
            (0, 3, 4, "The e-ink dashboard talk was the highlight."), (1, 3, 5, ""), (2, 3, 3, ""),
        ];
        foreach (var r in ratings)
        {
            var (saved, refused) = await feedback.RateAsync(e, talkIds[r.Talk], data.Attendees[r.Attendee].Id, new FeedbackValues(r.Rating, r.Comment), ct);
            if (saved is null) throw new InvalidOperationException($"Demo rating: {refused?.Detail}");
            data.CountAdded();
        }

        await SurveyAsync(data, services, e, ct);
    }

    private static async Task SurveyAsync(DemoData data, IServiceProvider services, EventRow e, CancellationToken ct)
    {
        var store = services.GetRequiredService<SurveyStore>();
        var v = new Validator();
        var id = await store.CreateAsync(e.Id, SurveyRules.ValidateSurvey(new SurveyInput("How was Meetup #12?",
            "Three minutes to help us plan the next one. Your answers are anonymous.", SurveyAudiences.CheckedIn, false), v) ?? throw Failed(v), ct);
        SurveyQuestionInput[] questions =
        [
            new(SurveyKinds.Single, "Will you come to the next meetup?", true, ["Yes", "Maybe", "No"]),
            new(SurveyKinds.Multiple, "What should we have more of?", false, ["Workshops", "Lightning talks", "Time to chat", "Food"]),
            new(SurveyKinds.Scale, "How was the venue?", true, []),
            new(SurveyKinds.Text, "Anything else you want to tell us?", false, []),
        ];
        foreach (var q in questions) await store.AddQuestionAsync(e.Id, id, SurveyRules.ValidateQuestion(q, v) ?? throw Failed(v), ct);
        await store.SetStateAsync(e.Id, id, SurveyStates.Open, ct);
        await services.GetRequiredService<SurveyInvitations>().InviteAsync(e, id, ct);
        data.CountAdded(1 + questions.Length);

        var ids = (await store.FindAsync(e.Id, id, ct))!.Value.Questions.Select(q => (long?)q.Id).ToList();
        await using var c = await services.GetRequiredService<Db>().OpenAsync(ct);
        var tokens = (await c.QueryAsync<string>("SELECT token FROM survey_invitations WHERE survey_id = @id ORDER BY id", new { id })).AsList();
        (int Single, int[] Multiple, int Scale, string? Text)[] answers =
        [
            (0, [0, 2], 4, "More seats near the sockets, please — laptops ran out of battery."),
            (0, [1], 5, null),
            (1, [0, 3], 3, "Kopi was great. Could we start at 19:30 for those coming from work?"),
        ];
        var surveyAnswers = services.GetRequiredService<SurveyAnswers>();
        foreach (var (a, token) in answers.Zip(tokens))
        {
            var input = new SurveyResponseInput([new(ids[0], [a.Single], null, null), new(ids[1], a.Multiple, null, null), new(ids[2], null, a.Scale, null),
                new(ids[3], null, null, a.Text)]);
            var (_, refused) = await surveyAnswers.SubmitAsync(token, input, v, ct);
            if (refused is not null || v.HasErrors) throw new InvalidOperationException($"Demo survey answer: {refused?.Detail} {string.Join("; ", v.Errors.SelectMany(x => x.Value))}");
            data.CountAdded();
        }
        await store.SetStateAsync(e.Id, id, SurveyStates.Closed, ct);
    }

    private static InvalidOperationException Failed(Validator v) =>
        new("Demo feedback: " + string.Join("; ", v.Errors.SelectMany(x => x.Value)));
}
