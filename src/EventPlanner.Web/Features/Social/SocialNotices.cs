using System.Globalization;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Social;

/// <summary>
/// The one place that words social-event notifications. Dedupe keys name the fact and the invitation (and, for a
/// promotion, the invitation's version), so a retried request or job run tells nobody twice.
/// </summary>
public static class SocialNotices
{
    public static string RsvpLink(string token) => $"/invitations/social/{token}";

    /// <summary>"Friday 27 November 2026, 19:30–22:30 (Asia/Kuala_Lumpur)": in the event's own time.</summary>
    public static string When(SocialEventRow s, TimeZoneInfo zone) => When(s.StartsAt, s.EndsAt, zone);

    public static string When(DateTimeOffset startsAt, DateTimeOffset endsAt, TimeZoneInfo zone)
    {
        var start = TimeZoneInfo.ConvertTime(startsAt, zone);
        var end = TimeZoneInfo.ConvertTime(endsAt, zone);
        var text = start.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture) + "–"
            + (end.Date == start.Date ? end.ToString("HH:mm", CultureInfo.InvariantCulture) : end.ToString("dddd HH:mm", CultureInfo.InvariantCulture));
        return $"{text} ({zone.Id})";
    }

    private static NotificationRequest To(SocialInvitationRow i, string key, string kind, long eventId, Dictionary<string, string> values) =>
        i.UserId is { } userId
            ? new NotificationRequest(key, kind, userId, eventId, values)
            : NotificationRequest.ForAddress(key, kind, i.Email, i.Name.Length > 0 ? i.Name : null, eventId, values);

    private static Dictionary<string, string> Values(SocialEventRow s, SocialInvitationRow i, TimeZoneInfo zone) => new(StringComparer.Ordinal)
    {
        ["social_title"] = s.Title,
        ["when"] = When(s, zone),
        ["place"] = s.Place,
        ["rsvp_link"] = RsvpLink(i.Token),
    };

    public static NotificationRequest Invitation(SocialEventRow s, SocialInvitationRow i, TimeZoneInfo zone) =>
        To(i, $"social-invitation:{i.Id}", SocialNotificationKinds.Invitation.Name, s.EventId, Values(s, i, zone));

    public static NotificationRequest Promoted(SocialEventRow s, SocialInvitationRow i, TimeZoneInfo zone) =>
        To(i, $"social-promoted:{i.Id}:{i.Version}", SocialNotificationKinds.Promoted.Name, s.EventId, Values(s, i, zone));

    /// <summary>Keyed by the invitation's token (ids may be reused after a delete) and the moment of the change: one per change.</summary>
    public static NotificationRequest Changed(SocialEventRow s, SocialInvitationRow i, TimeZoneInfo zone) =>
        To(i, $"social-changed:{i.Token}:{s.UpdatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}", SocialNotificationKinds.Changed.Name,
            s.EventId, Values(s, i, zone));

    /// <summary>No link: the invitation goes with the social event.</summary>
    public static NotificationRequest Cancelled(SocialEventRow s, SocialInvitationRow i, TimeZoneInfo zone)
    {
        var values = Values(s, i, zone);
        values.Remove("rsvp_link");
        return To(i, $"social-cancelled:{i.Token}", SocialNotificationKinds.Cancelled.Name, s.EventId, values);
    }

    public static NotificationRequest Reminder(SocialEventRow s, SocialInvitationRow i, TimeZoneInfo zone) =>
        To(i, $"social-reminder:{i.Id}:{s.StartsAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}", SocialNotificationKinds.Reminder.Name,
            s.EventId, Values(s, i, zone));
}
