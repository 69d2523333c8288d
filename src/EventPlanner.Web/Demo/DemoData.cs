using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Demo;

/// <summary>
/// What the demo parts hand on to each other: the accounts by role and the demo event, filled in by the
/// earlier parts for the later ones (proposals need speakers, tickets need attendees).
/// </summary>
public sealed class DemoData(string password)
{
    /// <summary>The one password every demo account shares; printed with the logins.</summary>
    public string Password { get; } = password;

    public AppUser? Admin { get; set; }
    public List<AppUser> Organisers { get; } = [];
    public List<AppUser> Reviewers { get; } = [];
    public List<AppUser> Speakers { get; } = [];
    public List<AppUser> Attendees { get; } = [];
    public AppUser? CheckInVolunteer { get; set; }
    public EventRow? Event { get; set; }

    /// <summary>The table printed at start-up, in the order the accounts were listed.</summary>
    public List<DemoLogin> Logins { get; } = [];

    /// <summary>How many rows this run added; a second run adds none.</summary>
    public int Added { get; private set; }

    public void CountAdded(int rows = 1) => Added += rows;

    public EventRow RequireEvent() => Event ?? throw new InvalidOperationException("The demo event part must run before this one.");
}

public sealed record DemoLogin(string Email, string Name, string Role);

/// <summary>
/// One feature's share of the demo. Each part must be idempotent on its own (look before adding), because a
/// part added by a later release runs against a database the earlier parts seeded long ago.
/// </summary>
public interface IDemoPart
{
    Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct);
}
