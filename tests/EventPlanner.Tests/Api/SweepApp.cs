using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using EventPlanner.Tests.Features.Bofs;
using EventPlanner.Tests.Features.Community;
using EventPlanner.Tests.Features.Lightning;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Features.Tickets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventPlanner.Tests.Api;

/// <summary>What one seeded event offers the sweep: its organiser and the real ids its routes take.</summary>
public sealed record SweepEvent(string Slug, long Id, HttpClient Organiser, long OrganiserId, IReadOnlyDictionary<string, string> Ids, bool IsPublic);

/// <summary>
/// The app with two events (one public, one hidden), each with rooms, tracks, a session on the grid, a lightning
/// session with a talk, an open call with a submitted proposal, a ticket type, a ticket and a direct transfer; an
/// attendee without any role; a site administrator. Server errors are captured from the log, per request.
/// </summary>
public sealed class SweepApp : EventPlannerApp
{
    private readonly SemaphoreSlim _seeding = new(1, 1);
    private (SweepEvent Public, SweepEvent Hidden, HttpClient Attendee, HttpClient Admin)? _world;

    public ServerErrorLog Errors { get; } = new();

    // The seeded direct transfer's link arrives by mail, which background jobs deliver.
    protected override bool RunsJobs => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(Errors));
    }

    public async Task<(SweepEvent Public, SweepEvent Hidden, HttpClient Attendee, HttpClient Admin)> WorldAsync()
    {
        await _seeding.WaitAsync();
        try
        {
            if (_world is { } w) return w;
            var pub = await SeedAsync("sweep-open", isPublic: true);
            var hidden = await SeedAsync("sweep-hidden", isPublic: false);
            var attendee = await CreateApiClientAsync("sweep-attendee@example.org");
            var admin = await CreateApiClientAsync("sweep-admin@example.org", admin: true);
            _world = (pub, hidden, attendee, admin);
            return _world.Value;
        }
        finally { _seeding.Release(); }
    }

    private async Task<SweepEvent> SeedAsync(string slug, bool isPublic)
    {
        var l = await LightningKit.CreateAsync(this, slug);
        var e = l.Schedule;
        var organiser = e.Organiser;
        var ev = await Services.GetRequiredService<EventStore>().FindAsync(slug) ?? throw new InvalidOperationException(slug);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(ScheduleKit.Zone);
        var now = Clock.GetUtcNow();
        (await organiser.PutAsJsonAsync($"/api/events/{slug}/cfp", new
        {
            opensAt = CfpTime.ToInput(now.AddDays(-1), zone), closesAt = CfpTime.ToInput(now.AddDays(20), zone), intro = "Tell us.",
        })).EnsureSuccessStatusCode();
        var types = await organiser.GetFromJsonAsync<List<SessionTypeResponse>>($"/api/events/{slug}/cfp/session-types");
        var talkType = types!.First(t => t.Name == "Talk").Id;

        var (speakerId, speaker) = await CfpKit.FastSpeakerAsync(this, $"speaker-{slug}@example.org");
        var proposal = await (await speaker.PostAsJsonAsync($"/api/events/{slug}/proposals", new
        {
            title = "Packaging Rust for Debian", @abstract = "How we package crates.", description = "Details.", sessionTypeId = talkType,
            durationMinutes = 25, trackIds = new[] { e.Kernel }, audienceLevel = "intermediate", language = "English", notes = "",
            availability = Array.Empty<object>(), answers = Array.Empty<object>(), submit = true,
        })).ReadProposalAsync();

        var session = await e.PlaceAsync(await e.SessionAsync("Opening talk"), e.Small, "10:00");
        var talker = await this.PersonAsync($"talker-{slug}@example.org");
        var talk = await talker.SignedUpAsync(l, "Five minutes on Nix");

        var tickets = new TestEvent(slug, ev.Id, organiser, $"org-{slug}@example.org");
        var typeId = await tickets.TypeAsync("Community");
        var holder = new TestUser(talker.Id, talker.Email, talker.Api);
        var ticket = await holder.TicketAsync(slug, typeId);
        var transfer = await (await talker.Api.PostAsJsonAsync($"/api/my/tickets/{ticket.Id}/transfers",
            new { recipientEmail = $"friend-{slug}@example.org", recipientName = "Friend" })).Content.ReadFromJsonAsync<TransferResponse>();
        var token = await this.TransferTokenInAsync($"friend-{slug}@example.org");

        var hostEmail = $"host-{slug}@example.org";
        var host = await CreateApiClientAsync(hostEmail);
        var community = new CommunityEvent(e, host, await CommunityKit.GroupAsync(e, host, "Ubuntu Malaysia"), hostEmail);
        var block = await community.ApprovedBlockAsync(e.Medium, "14:00", "16:00");
        var blockSession = await community.AddSessionAsync(block.Id, "Install party", "14:00", "14:45");

        (await organiser.PutAsJsonAsync($"/api/events/{slug}/bofs/settings", new { interestThreshold = 3, roomIds = new[] { e.Small } })).EnsureSuccessStatusCode();
        var slot = await BofKit.SlotAsync(organiser, $"/api/events/{slug}/bofs", e.Small, ScheduleKit.Day2, "12:30", "13:15");
        var bof = await new BofEvent(e, slot, slot).ProposeAsync(holder, "Rust in Debian BoF");

        var dinner = await organiser.PostAsJsonAsync($"/api/events/{slug}/social", new
        {
            title = "Speakers' dinner", place = "Chez Léon", date = ScheduleKit.Day1, starts = "19:30", ends = "22:30", capacity = 30, maxGuests = 1,
        });
        dinner.EnsureSuccessStatusCode();
        var socialId = (await dinner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await organiser.PostAsJsonAsync($"/api/events/{slug}/social/{socialId}/invitations", new { emails = new[] { talker.Email } })).EnsureSuccessStatusCode();
        string socialToken;
        await using (var c = await Services.GetRequiredService<Db>().OpenAsync())
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT token FROM social_invitations WHERE social_event_id = {socialId}";
            socialToken = (string)(await cmd.ExecuteScalarAsync())!;
        }

        // A survey with a question, open, its one invitation (the talker holds a ticket): swept against real rows and a real link.
        var survey = await organiser.PostAsJsonAsync($"/api/events/{slug}/surveys", new { title = "How was it?" });
        survey.EnsureSuccessStatusCode();
        var surveyId = (await survey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var withQuestion = await organiser.PostAsJsonAsync($"/api/events/{slug}/surveys/{surveyId}/questions",
            new { kind = "single", prompt = "Again?", required = true, options = new[] { "Yes", "No" } });
        withQuestion.EnsureSuccessStatusCode();
        var questionId = (await withQuestion.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("questions")[0].GetProperty("id").GetInt64();
        (await organiser.PostAsync($"/api/events/{slug}/surveys/{surveyId}/open", null)).EnsureSuccessStatusCode();
        (await organiser.PostAsync($"/api/events/{slug}/surveys/{surveyId}/invitations", null)).EnsureSuccessStatusCode();
        string surveyToken;
        await using (var c = await Services.GetRequiredService<Db>().OpenAsync())
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT token FROM survey_invitations WHERE survey_id = {surveyId}";
            surveyToken = (string)(await cmd.ExecuteScalarAsync())!;
        }

        if (!isPublic) (await organiser.PutAsJsonAsync($"/api/events/{slug}", new { isPublic = false })).EnsureSuccessStatusCode();
        // Kits make organisers site administrators (only they create events by default); the sweep wants organisers
        // whose powers come from their event role alone.
        var organiserId = (await Services.GetRequiredService<EventPlanner.Web.Features.Accounts.UserQueries>().FindByEmailAsync($"org-{slug}@example.org"))!.Id;
        await using (var c = await Services.GetRequiredService<Db>().OpenAsync())
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = $"UPDATE users SET is_admin = FALSE WHERE id = {organiserId}";
            await cmd.ExecuteNonQueryAsync();
        }

        var ids = new Dictionary<string, string>
        {
            ["slug"] = slug, ["rooms"] = e.Janson.ToString(), ["roomId"] = e.Janson.ToString(), ["tracks"] = e.Kernel.ToString(), ["trackId"] = e.Kernel.ToString(),
            ["sessions"] = session.Id.ToString(), ["lightning"] = l.SessionId.ToString(), ["proposals"] = proposal.Id.ToString(), ["proposalId"] = proposal.Id.ToString(),
            ["ticket-types"] = typeId.ToString(), ["ticketTypeId"] = typeId.ToString(), ["tickets"] = ticket.Id.ToString(), ["ticketId"] = ticket.Id.ToString(),
            ["transfers"] = transfer!.Id.ToString(), ["talks"] = talk.Id.ToString(), ["talkId"] = talk.Id.ToString(), ["session-types"] = talkType.ToString(),
            ["sessionTypeId"] = talkType.ToString(), ["secret"] = ticket.Secret, ["token"] = token, ["date"] = ScheduleKit.Day1, ["days"] = ScheduleKit.Day1,
            ["userId"] = speakerId.ToString(), ["reviewerId"] = organiserId.ToString(), ["role"] = "reviewer", ["number"] = "1",
            ["name"] = new string('a', 48) + ".pdf", ["sessionId"] = session.Id.ToString(), ["lightningSessionId"] = l.SessionId.ToString(),
            ["groups"] = community.GroupId.ToString(), ["groupId"] = community.GroupId.ToString(), ["blocks"] = block.Id.ToString(), ["requests"] = block.Id.ToString(),
            ["blockId"] = block.Id.ToString(), ["blockSessionId"] = blockSession.Id.ToString(), ["bofs"] = bof.Id.ToString(), ["bofId"] = bof.Id.ToString(),
            ["slots"] = slot.ToString(), ["slotId"] = slot.ToString(), ["check-in"] = ticket.Id.ToString(),
            ["social"] = socialId.ToString(), ["socialToken"] = socialToken,
            ["surveys"] = surveyId.ToString(), ["questionId"] = questionId.ToString(), ["surveyToken"] = surveyToken,
        };
        return new SweepEvent(slug, ev.Id, organiser, organiserId, ids, isPublic);
    }
}

/// <summary>Errors the server logged (with their exception), so a 5xx can be told by its cause rather than by its URL.</summary>
public sealed class ServerErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, Exception Exception)> _errors = new();

    public int Count => _errors.Count;

    public IReadOnlyList<(string Category, Exception Exception)> Since(int mark) => _errors.Skip(mark).ToList();

    public ILogger CreateLogger(string categoryName) => new Sink(this, categoryName);

    public void Dispose() { }

    private sealed class Sink(ServerErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null) log._errors.Enqueue((category, exception));
        }
    }
}
