using System.Net.Http.Json;
using System.Text.Json;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Community;

namespace EventPlanner.Tests.Features.Community;

/// <summary>A schedule event (Brussels, three rooms: Janson 1400 seats, K.1.105 50, H.2215 120) with an approved community group and its host.</summary>
public sealed record CommunityEvent(ScheduleEvent Schedule, HttpClient Host, long GroupId, string HostEmail)
{
    public string Slug => Schedule.Slug;
    public HttpClient Organiser => Schedule.Organiser;
    public string Api => $"/api/events/{Slug}/community";
}

internal static class CommunityKit
{
    public static async Task<CommunityEvent> CreateAsync(EventPlannerApp app, string slug, string group = "Ubuntu Malaysia")
    {
        var e = await ScheduleKit.CreateAsync(app, slug);
        var hostEmail = $"host-{slug}@example.org";
        var host = await app.CreateApiClientAsync(hostEmail);
        var groupId = await GroupAsync(e, host, group);
        return new CommunityEvent(e, host, groupId, hostEmail);
    }

    /// <summary>A group created by <paramref name="host"/> and approved by the event's organiser.</summary>
    public static async Task<long> GroupAsync(ScheduleEvent e, HttpClient host, string name)
    {
        var created = await host.PostAsJsonAsync($"/api/events/{e.Slug}/community/groups", new
        {
            name, description = $"The {name} community.", contacts = "Matrix: #community:example.org", logoUrl = "https://example.org/logo.svg",
        });
        var group = await created.ReadAsync<GroupResponse>();
        (await e.Organiser.PostAsync($"/api/events/{e.Slug}/community/groups/{group.Id}/approve", null)).EnsureSuccessStatusCode();
        return group.Id;
    }

    public static Task<HttpResponseMessage> RequestRawAsync(this CommunityEvent c, long roomId, string start, string end, int attendance = 30,
        string date = ScheduleKit.Day1, HttpClient? host = null, long? groupId = null) =>
        (host ?? c.Host).PostAsJsonAsync($"{c.Api}/groups/{groupId ?? c.GroupId}/requests", new
        {
            roomId, date, start, end, expectedAttendance = attendance, purpose = "Install party and packaging Q&A.", avNeeds = "Projector",
        });

    public static async Task<BlockResponse> RequestAsync(this CommunityEvent c, long roomId, string start, string end, int attendance = 30,
        string date = ScheduleKit.Day1, HttpClient? host = null, long? groupId = null) =>
        await (await c.RequestRawAsync(roomId, start, end, attendance, date, host, groupId)).ReadAsync<BlockResponse>();

    public static Task<HttpResponseMessage> ApproveRawAsync(this CommunityEvent c, long blockId, long? roomId = null, HttpClient? organiser = null) =>
        (organiser ?? c.Organiser).PostAsJsonAsync($"{c.Api}/requests/{blockId}/approve", new { roomId, note = "" });

    public static async Task<BlockResponse> ApprovedBlockAsync(this CommunityEvent c, long roomId, string start, string end, int attendance = 30, string date = ScheduleKit.Day1)
    {
        var block = await c.RequestAsync(roomId, start, end, attendance, date);
        return await (await c.ApproveRawAsync(block.Id)).ReadAsync<BlockResponse>();
    }

    public static Task<HttpResponseMessage> AddSessionRawAsync(this CommunityEvent c, long blockId, string title, string start, string end,
        string[]? speakerEmails = null, string[]? speakerNames = null, HttpClient? host = null) =>
        (host ?? c.Host).PostAsJsonAsync($"{c.Api}/blocks/{blockId}/sessions", new
        {
            kind = "talk", title, @abstract = $"About {title}.", start, end, speakerEmails = speakerEmails ?? [], speakerNames = speakerNames ?? [],
        });

    public static async Task<BlockSessionResponse> AddSessionAsync(this CommunityEvent c, long blockId, string title, string start, string end,
        string[]? speakerEmails = null, string[]? speakerNames = null) =>
        await (await c.AddSessionRawAsync(blockId, title, start, end, speakerEmails, speakerNames)).ReadAsync<BlockSessionResponse>();

    public static async Task ReleaseAsync(this CommunityEvent c) =>
        (await c.Organiser.PostAsJsonAsync($"{c.Schedule.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
