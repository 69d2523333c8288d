using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Privacy;

/// <summary>What Privacy tells people: a large data export is ready, and organisers a week before attendee data is anonymised.</summary>
public static class PrivacyNotificationKinds
{
    public static readonly NotificationKind ExportReady = new()
    {
        Name = "privacy-export-ready",
        Label = "Your data export is ready to download",
        EventScoped = false,
        Overridable = false,
        // The link is the owner's only (it needs their sign-in too), but it need not sit in the inbox after it lapses.
        InInbox = false,
        ScrubAfterSend = true,
        Placeholders = ["download_link", "expires"],
        SampleValues = new Dictionary<string, string> { ["download_link"] = "https://example.org/account/data/abc123", ["expires"] = "2026-12-02 09:00 UTC" },
        Subject = "Your data export is ready",
        Body = """
            Hello {recipient_name},

            The file with everything {site_name} holds about you is ready. Sign in and download it here:

            {download_link}

            The link works for you only, until {expires}; after that, ask for a new export on your profile page.
            """,
    };

    public static readonly NotificationKind RetentionWarning = new()
    {
        Name = "privacy-retention-warning",
        Label = "Organisers: attendee data will be anonymised in a week",
        Placeholders = ["anonymise_on", "settings_link"],
        SampleValues = new Dictionary<string, string> { ["anonymise_on"] = "2027-05-28", ["settings_link"] = "https://example.org/events/x/privacy/manage" },
        Subject = "{event_name}: attendee data will be anonymised on {anonymise_on}",
        Body = """
            Hello {recipient_name},

            As set for {event_name}, its attendee data (tickets, check-ins, agenda stars, the mail log) will be anonymised
            on {anonymise_on}. The counts stay: tickets per type, check-in totals, stars per session.

            Export what you still need before then, or change the retention period here:

            {settings_link}
            """,
    };

    public static IReadOnlyList<NotificationKind> All { get; } = [ExportReady, RetentionWarning];
}
