namespace EventPlanner.Web.Features.Events;

/// <summary>The IANA zones this machine knows, for the event form's picker, and how to name one to a reader.</summary>
public static class EventTimeZones
{
    // Windows lists its own zone ids; the event form and the validator speak IANA only.
    private static readonly Lazy<IReadOnlyList<string>> Ids = new(() => TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.HasIanaId ? z.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : null)
        .OfType<string>()
        .Append("UTC")
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList());

    public static IReadOnlyList<string> All => Ids.Value;

    /// <summary>"Asia/Kuala_Lumpur (UTC+08:00)", with the offset in force on that date.</summary>
    public static string Describe(string zoneId, DateOnly on)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone)) return zoneId;
        var offset = zone.GetUtcOffset(on.ToDateTime(new TimeOnly(12, 0)));
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{zoneId} (UTC{sign}{offset:hh\\:mm})";
    }
}
