using System.Globalization;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>
/// The rules of a lightning session as plain code (no database, no HTTP): how many slots fit, when held-back slots
/// open, who is served first from the waitlist, where a new sign-up goes, and what organisers may type.
/// </summary>
public static class LightningRules
{
    public const int MaxTitle = 120;
    public const int MaxDescription = 200;
    public const int MaxSlidesBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Talks that fit: n slots and the n−1 changeovers between them within the session
    /// (60 minutes of 5-minute talks with 1 minute changeover: 10).
    /// </summary>
    public static int SlotCount(int durationMinutes, int slotMinutes, int changeoverMinutes) =>
        slotMinutes <= 0 || durationMinutes < slotMinutes ? 0 : (durationMinutes + changeoverMinutes) / (slotMinutes + changeoverMinutes);

    /// <summary>When the i-th talk (0-based) of the running order is planned to start.</summary>
    public static DateTimeOffset PlannedStart(DateTimeOffset sessionStart, int index, int slotMinutes, int changeoverMinutes) =>
        sessionStart.AddMinutes(index * (slotMinutes + changeoverMinutes));

    /// <summary>Midnight of the session's day in the event's zone: held-back slots open from here.</summary>
    public static DateTimeOffset DayStart(DateTimeOffset sessionStart, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(sessionStart, zone).Date;
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The waitlist in serving order: arrival order, first-time speakers ahead of the rest when the session asks for it.</summary>
    public static IReadOnlyList<TalkRow> QueueOrder(IEnumerable<TalkRow> waiting, bool firstTimerPriority) =>
        waiting.OrderBy(t => firstTimerPriority && t.FirstTimer ? 0 : 1).ThenBy(t => t.Seq).ToList();

    /// <summary>
    /// The pool a new sign-up (or a promotion) can take a slot from, or null when it must wait. Open slots first;
    /// held-back slots only on the day, and only for people who signed up on the day.
    /// </summary>
    public static string? FreePool(LightningSessionRow s, int openTaken, int heldTaken, bool signedUpOnTheDay, bool isTheDay)
    {
        if (openTaken < s.SlotCount - s.HeldSlots) return SlotPools.Open;
        if (isTheDay && signedUpOnTheDay && heldTaken < s.HeldSlots) return SlotPools.Held;
        return null;
    }

    public static LightningSettings? Validate(LightningSettingsInput input, TimeZoneInfo zone, int durationMinutes, DateTimeOffset defaultOpens,
        DateTimeOffset defaultCloses, Validator v)
    {
        var slot = v.Range("slotMinutes", input.SlotMinutes ?? 5, 1, 60, "Slot length (minutes)");
        var changeover = v.Range("changeoverMinutes", input.ChangeoverMinutes ?? 1, 0, 30, "Changeover (minutes)");
        var held = v.Range("heldBack", input.HeldBack ?? 0, 0, 100, "Slots held back for the day");
        var confirm = v.Range("confirmMinutes", input.ConfirmMinutes ?? 60, 5, 10080, "Time to confirm a promoted slot (minutes)");
        var opens = LocalInstant("opensAt", input.OpensAt, zone, v, "Sign-up opens") ?? defaultOpens;
        var closes = LocalInstant("closesAt", input.ClosesAt, zone, v, "Sign-up closes") ?? defaultCloses;
        if (closes <= opens) v.Add("closesAt", "Sign-up must close after it opens.");
        if (v.HasErrors) return null;
        var slots = SlotCount(durationMinutes, slot, changeover);
        if (slots == 0) v.Add("slotMinutes", $"A {durationMinutes}-minute session has no room for a {slot}-minute talk.");
        else if (held > slots) v.Add("heldBack", $"Only {slots} slots fit; hold back at most that many.");
        return v.HasErrors ? null : new LightningSettings(slot, changeover, opens, closes, held, input.FirstTimerPriority ?? false, confirm);
    }

    public static SignUpValues? Validate(SignUpInput input, Validator v)
    {
        var title = v.Required("title", input.Title, MaxTitle, "Title");
        var description = v.Optional("description", input.Description, MaxDescription, "One-line description");
        if (description.Contains('\n')) v.Add("description", "Keep the description to one line.");
        var slides = SlidesUrl(input.SlidesUrl, v);
        return v.HasErrors ? null : new SignUpValues(title!, description, slides);
    }

    public static string? SlidesUrl(string? value, Validator v)
    {
        var url = value?.Trim();
        if (string.IsNullOrEmpty(url)) return null;
        if (url.Length > 500) v.Add("slidesUrl", "The slides link must be at most 500 characters.");
        else if (TextInput.Problem(url) is not null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            v.Add("slidesUrl", "The slides link must be a web address starting with https://.");
        return url;
    }

    /// <summary>A PDF starts with "%PDF-" whatever its name or the type the browser claims.</summary>
    public static bool LooksLikePdf(ReadOnlySpan<byte> head) => head.Length >= 5 && head[..5].SequenceEqual("%PDF-"u8);

    /// <summary>A local date and time in the event's zone (yyyy-MM-ddTHH:mm, as a datetime-local input sends it); null when blank.</summary>
    public static DateTimeOffset? LocalInstant(string field, string? value, TimeZoneInfo zone, Validator v, string label) =>
        v.LocalDateTime(field, value, zone, label, required: false);

    public static string LocalInput(DateTimeOffset t, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    public static string Describe(DateTimeOffset t, TimeZoneInfo zone) => LocalTimes.Show(t, zone);
}
