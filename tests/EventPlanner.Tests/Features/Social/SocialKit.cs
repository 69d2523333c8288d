using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Social;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Social;

/// <summary>A speakers' dinner the evening before an event in Kuala Lumpur (5–6 March 2027), set up through the API.</summary>
public sealed record SocialSetup(CfpEvent Cfp, long Id)
{
    public string Slug => Cfp.Slug;
    public HttpClient Organiser => Cfp.Organiser;
    public string Api => $"/api/events/{Cfp.Slug}/social/{Id}";
}

internal static class SocialKit
{
    public const string Date = "2027-03-04";

    public static object Body(int capacity = 40, int maxGuests = 2, bool isOpen = false, bool isPublic = false, string title = "Speakers' dinner",
        string date = Date) =>
        new { title, description = "Thank you for speaking.", place = "Restoran Rebung, Bukit Damansara", date, starts = "19:30", ends = "22:30",
              capacity, maxGuests, isOpen, isPublic };

    public static async Task<SocialSetup> CreateAsync(EventPlannerApp app, string slug, int capacity = 40, int maxGuests = 2, bool isOpen = false,
        bool isPublic = false)
    {
        var cfp = await CfpKit.CreateAsync(app, slug);
        var response = await Ok(await cfp.Organiser.PostAsJsonAsync($"/api/events/{slug}/social", Body(capacity, maxGuests, isOpen, isPublic)));
        return new SocialSetup(cfp, (await response.Content.ReadFromJsonAsync<SocialEventResponse>())!.Id);
    }

    public static async Task<SocialInviteResponse> InviteAsync(this SocialSetup s, params string[] emails) =>
        (await (await Ok(await s.Organiser.PostAsJsonAsync($"{s.Api}/invitations", new { emails }))).Content.ReadFromJsonAsync<SocialInviteResponse>())!;

    /// <summary>The personal token of an invitee, as the invitation mail carries it (read from the table: no mail delivery needed).</summary>
    public static async Task<string> TokenAsync(this SocialSetup s, EventPlannerApp app, string email)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return await c.ExecuteScalarAsync<string>("SELECT token FROM social_invitations WHERE social_event_id = @Id AND normalized_email = @n",
            new { s.Id, n = email.ToUpperInvariant() }) ?? throw new InvalidOperationException($"{email} is not invited.");
    }

    public static Task<HttpResponseMessage> RsvpAsync(this HttpClient client, string token, bool? attending, int guests = 0, string dietary = "",
        string accessibility = "") =>
        client.PutAsJsonAsync($"/api/invitations/social/{token}", new { attending, guests, dietary, accessibility });

    public static async Task<SocialRsvpResponse> ReadRsvpAsync(this HttpResponseMessage response) =>
        (await (await Ok(response)).Content.ReadFromJsonAsync<SocialRsvpResponse>())!;

    public static async Task<SocialListResponse> GuestsAsync(this SocialSetup s) =>
        (await s.Organiser.GetFromJsonAsync<SocialListResponse>($"{s.Api}/guests"))!;

    public static async Task<HttpResponseMessage> Ok(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
