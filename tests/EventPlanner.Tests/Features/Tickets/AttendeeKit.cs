using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Tickets;

/// <summary>People with names of our own choosing (Unicode, namesakes, formula-looking), for the attendee list and the desk.</summary>
public static class AttendeeKit
{
    public static async Task<TestUser> NamedAttendeeAsync(this EventPlannerApp app, string displayName, string prefix = "p")
    {
        var email = TicketKit.Unique(prefix) + "@example.org";
        await app.CreateUserAsync(email, displayName);
        var api = await app.CreateApiClientAsync(email);
        var id = (await app.Services.GetRequiredService<UserQueries>().FindByEmailAsync(email))!.Id;
        return new TestUser(id, email, api);
    }

    public static async Task<TestUser> VolunteerAsync(this EventPlannerApp app, TestEvent ev)
    {
        var volunteer = await app.UserAsync("vol");
        (await ev.Organiser.PostAsJsonAsync($"/api/events/{ev.Slug}/check-in-staff", new { email = volunteer.Email })).EnsureSuccessStatusCode();
        return volunteer;
    }
}
