namespace EventPlanner.Web.Features.Accounts;

/// <summary>
/// The named authorization policies. Every endpoint and page names one of these or is explicitly
/// anonymous (a test enumerates the endpoints). Event policies read the event from the route's
/// <c>slug</c>, so a role in one event grants nothing in another.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in user (cookie or API token).</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>A site administrator: site settings and the jobs dashboard; no event powers by itself.</summary>
    public const string SiteAdmin = nameof(SiteAdmin);

    /// <summary>Whoever the site setting allows to create events (administrators, or any signed-in user).</summary>
    public const string CanCreateEvents = nameof(CanCreateEvents);

    /// <summary>An organiser of the event named by the route's slug.</summary>
    public const string EventOrganiser = nameof(EventOrganiser);

    /// <summary>A reviewer or organiser of the event named by the route's slug.</summary>
    public const string EventReviewer = nameof(EventReviewer);
}

public static class EventRoles
{
    public const string Organiser = "organiser";
    public const string Reviewer = "reviewer";
    public static readonly string[] Granted = [Organiser, Reviewer];
}
