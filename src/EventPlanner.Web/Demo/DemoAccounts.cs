using EventPlanner.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace EventPlanner.Web.Demo;

/// <summary>People in every role, created through UserManager with confirmed addresses and the shared demo password.</summary>
public sealed class DemoAccounts : IDemoPart
{
    public const string Domain = "demo.example.org";

    private static readonly (string Local, string Name)[] OrganiserPeople = [("aisyah", "Aisyah Rahman"), ("daniel", "Daniel Tan")];
    private static readonly (string Local, string Name)[] ReviewerPeople = [("priya", "Priya Nair"), ("weiling", "Wei Ling Chong"), ("hafiz", "Hafiz Ismail")];
    private static readonly (string Local, string Name)[] SpeakerPeople = [("meilin", "Mei Lin Ong"), ("arjun", "Arjun Kumar"), ("nurul", "Nurul Huda"), ("kenji", "Kenji Sato")];
    private static readonly (string Local, string Name)[] AttendeePeople = [("farah", "Farah Aziz"), ("jason", "Jason Lim"), ("kavitha", "Kavitha Raj"), ("amir", "Amir Hamzah")];
    private static readonly (string Local, string Name) CheckInPerson = ("rizal", "Rizal Hassan");

    public async Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        data.Admin = await EnsureAsync(users, data, ("siti", "Siti Admin"), "site admin", admin: true);
        foreach (var p in OrganiserPeople) data.Organisers.Add(await EnsureAsync(users, data, p, "organiser"));
        foreach (var p in ReviewerPeople) data.Reviewers.Add(await EnsureAsync(users, data, p, "reviewer"));
        foreach (var p in SpeakerPeople) data.Speakers.Add(await EnsureAsync(users, data, p, "speaker (to be)"));
        foreach (var p in AttendeePeople) data.Attendees.Add(await EnsureAsync(users, data, p, "attendee"));
        // Joins the event's check-in team in DemoCheckInStaff, once the event exists.
        data.CheckInVolunteer = await EnsureAsync(users, data, CheckInPerson, "check-in volunteer");
    }

    private static async Task<AppUser> EnsureAsync(UserManager<AppUser> users, DemoData data, (string Local, string Name) person, string role, bool admin = false)
    {
        var email = $"{person.Local}@{Domain}";
        data.Logins.Add(new DemoLogin(email, person.Name, role));
        if (await users.FindByEmailAsync(email) is { } existing) return existing;

        var user = new AppUser { Email = email, DisplayName = person.Name, EmailConfirmed = true, IsAdmin = admin };
        var result = await users.CreateAsync(user, data.Password);
        if (!result.Succeeded) throw new InvalidOperationException($"Demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        data.CountAdded();
        return user;
    }
}
