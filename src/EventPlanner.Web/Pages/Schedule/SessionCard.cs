using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Web.Pages.Schedule;

/// <summary>One session on the organisers' grid or in the unscheduled list, with its move form.</summary>
public sealed record SessionCard(ScheduleBoard Board, SessionRow Session, string Slug, DateOnly Day, string? Style = null);

/// <summary>A star or unstar button for a released session; it returns the reader to <paramref name="ReturnUrl"/>.</summary>
public sealed record StarButton(string Slug, long SessionId, bool Starred, string Title, string ReturnUrl);
