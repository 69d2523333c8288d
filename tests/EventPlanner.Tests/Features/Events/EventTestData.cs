using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Events;

/// <summary>Events set up for a test, and small helpers for reading the answers.</summary>
public static class EventTestData
{
    /// <summary>A JSON body for POST/PUT /api/events; dates default to a two-day event in Kuala Lumpur.</summary>
    public static Dictionary<string, object?> Body(string slug, string? name = null, string startsOn = "2026-11-28", string endsOn = "2026-11-29",
        bool isPublic = true, string? parentSlug = null, string description = "", string venue = "Menara Komuniti") => new()
    {
        ["slug"] = slug, ["name"] = name ?? $"Event {slug}", ["description"] = description, ["venue"] = venue,
        ["timeZone"] = "Asia/Kuala_Lumpur", ["startsOn"] = startsOn, ["endsOn"] = endsOn, ["isPublic"] = isPublic, ["parentSlug"] = parentSlug,
    };

    /// <summary>Creates an event straight through the store (the API and the form have their own tests), organised by the given account.</summary>
    public static async Task<EventRow> CreateEventAsync(this EventPlannerApp app, string slug, string organiserEmail, bool isPublic = true,
        string? parentSlug = null, string description = "")
    {
        var users = app.Services.GetRequiredService<UserQueries>();
        var organiser = await users.FindByEmailAsync(organiserEmail) ?? throw new InvalidOperationException($"No user {organiserEmail}");
        var v = new Validator();
        var values = EventRules.Validate(new EventInput(slug, $"Event {slug}", description, "Menara Komuniti", "Asia/Kuala_Lumpur",
            "2026-11-28", "2026-11-29", isPublic, parentSlug), v);
        var created = values is null ? null : await app.Services.GetRequiredService<EventStore>().CreateAsync(values, organiser.Id, v);
        return created ?? throw new InvalidOperationException(string.Join("; ", v.Errors.SelectMany(e => e.Value)));
    }

    public static async Task GrantAsync(this EventPlannerApp app, string slug, string email, string role)
    {
        var store = app.Services.GetRequiredService<EventStore>();
        var members = app.Services.GetRequiredService<TeamStore>();
        var e = await store.FindAsync(slug) ?? throw new InvalidOperationException($"No event {slug}");
        var organiser = (await members.ListTeamAsync(e.Id)).First(m => m.Role == EventRoles.Organiser);
        var v = new Validator();
        if (await members.GrantAsync(e.Id, email, role, organiser.UserId, v) is null) throw new InvalidOperationException(string.Join("; ", v.Errors.SelectMany(x => x.Value)));
    }

    /// <summary>A user that exists and holds no role anywhere yet.</summary>
    public static async Task<string> UserAsync(this EventPlannerApp app, string email, bool admin = false)
    {
        if (await app.Services.GetRequiredService<UserQueries>().FindByEmailAsync(email) is null) await app.CreateUserAsync(email, admin: admin);
        return email;
    }

    /// <summary>Follows local redirects the way a browser would (forbidden pages answer via /account/access-denied).</summary>
    public static async Task<HttpResponseMessage> GetFollowingAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        for (var hops = 0; hops < 5 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found; hops++)
        {
            response = await client.GetAsync(response.Headers.Location);
        }
        return response;
    }

    /// <summary>Where a redirect points, as a local path and query whether the header is absolute or not.</summary>
    public static string? LocationPath(this HttpResponseMessage response) =>
        response.Headers.Location is { } l ? l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString : null;

    public static async Task<IHtmlDocument> HtmlAsync(this HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    public static async Task<Dictionary<string, string[]>> FieldErrorsAsync(this HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>();
        return problem?.Errors ?? throw new InvalidOperationException("The answer had no errors member.");
    }

    public sealed record ValidationProblem(string? Title, int? Status, Dictionary<string, string[]>? Errors);
}
