using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Tests.Features.Reviews;

/// <summary>An event with an open call, two criteria (Relevance 0–3 weight 2, Clarity 1–5) and a review phase open now.</summary>
public sealed record ReviewEvent(CfpEvent Cfp, long Relevance, long Clarity, long PhaseId)
{
    public string Slug => Cfp.Slug;
    public string Api => Cfp.Api;
    public HttpClient Organiser => Cfp.Organiser;
    public IReadOnlyList<long> TrackIds => Cfp.TrackIds;
}

internal static class ReviewKit
{
    public static async Task<ReviewEvent> CreateAsync(EventPlannerApp app, string slug, bool hideSpeakers = true, string reviewers = "all",
        string otherScores = "after_own")
    {
        var cfp = await CfpKit.CreateAsync(app, slug);
        var relevance = await cfp.Organiser.PostAsJsonAsync($"{cfp.Api}/review/criteria", new { name = "Relevance", minScore = 0, maxScore = 3, weight = 2 });
        var clarity = await cfp.Organiser.PostAsJsonAsync($"{cfp.Api}/review/criteria", new { name = "Clarity", minScore = 1, maxScore = 5, weight = 1, sortOrder = 1 });
        var now = app.Clock.GetUtcNow();
        var phase = await cfp.Organiser.PostAsJsonAsync($"{cfp.Api}/review/phases", new
        {
            name = "First round", opensAt = CfpKit.Local(now.AddDays(-1)), closesAt = CfpKit.Local(now.AddDays(10)),
            reviewers, otherScores, hideSpeakers,
        });
        return new ReviewEvent(cfp, (await Read<CriterionResponse>(relevance)).Id, (await Read<CriterionResponse>(clarity)).Id, (await Read<PhaseResponse>(phase)).Id);
    }

    /// <summary>A reviewer of the event with an API token.</summary>
    public static async Task<(long Id, HttpClient Api)> ReviewerAsync(EventPlannerApp app, ReviewEvent e, string email, string role = "reviewer")
    {
        var (id, client) = await CfpKit.FastSpeakerAsync(app, email);
        await app.GrantAsync(e.Slug, email, role);
        return (id, client);
    }

    /// <summary>A speaker with a full profile (name, bio, affiliation, link) and one submitted proposal.</summary>
    public static async Task<(long UserId, HttpClient Api, ProposalResponse Proposal)> SpeakerWithProposalAsync(EventPlannerApp app, ReviewEvent e,
        string email, string title, int track = 1, string? fullName = null, string? @abstract = null, string affiliation = "Example Org")
    {
        var (id, client) = await CfpKit.FastSpeakerAsync(app, email);
        (await client.PutAsJsonAsync("/api/me/speaker-profile", new
        {
            fullName = fullName ?? $"Speaker {email.Split('@')[0]}", bio = "Hacks on things.", affiliation, links = new[] { $"https://example.org/{email.Split('@')[0]}" },
        })).EnsureSuccessStatusCode();
        var proposal = await SubmitAsync(e, client, title, track, @abstract);
        return (id, client, proposal);
    }

    public static async Task<ProposalResponse> SubmitAsync(ReviewEvent e, HttpClient speaker, string title, int track = 1, string? @abstract = null)
    {
        var response = await speaker.PostAsJsonAsync($"{e.Api}/proposals", new
        {
            title, @abstract = @abstract ?? "How we package crates, and what upstream can do to help.", description = "Details.",
            sessionTypeId = e.Cfp.TalkId, durationMinutes = 25, trackIds = new[] { e.TrackIds[track] }, language = "English", submit = true,
        });
        return await response.ReadProposalAsync();
    }

    public static object Scores(ReviewEvent e, int relevance, int clarity, string comment = "Solid.", string note = "") => new
    {
        scores = new Dictionary<string, int> { [e.Relevance.ToString()] = relevance, [e.Clarity.ToString()] = clarity },
        comment, noteToSpeaker = note,
    };

    public static async Task<ReviewerProposalView> ReviewAsync(this HttpClient reviewer, ReviewEvent e, long proposalId, int relevance, int clarity,
        string comment = "Solid.", string note = "")
    {
        var response = await reviewer.PutAsJsonAsync($"{e.Api}/review/proposals/{proposalId}/review", Scores(e, relevance, clarity, comment, note));
        return await Read<ReviewerProposalView>(response);
    }

    public static async Task<T> Read<T>(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
