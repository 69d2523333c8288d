namespace EventPlanner.Web.Infrastructure;

/// <summary>Delivery tuning from EventPlanner:Notifications; the defaults suit one small server.</summary>
public sealed class NotificationOptions
{
    /// <summary>Sends tried before a notification is marked failed (organisers can retry it).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Wait after the first failure; each further failure waits four times longer.</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a claimed row belongs to one delivery run. Longer than a batch can take (batch size /
    /// parallelism x SMTP timeout), so a live run never loses its rows to another; a run killed
    /// mid-send leaves rows that the next run takes once this has passed.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    public int BatchSize { get; init; } = 32;

    /// <summary>Messages sent at once (the SMTP sender keeps up to this many connections open).</summary>
    public int SendParallelism { get; init; } = 4;

    public string SiteName { get; init; } = "EventPlanner";

    public TimeSpan BackoffAfter(int attempts) =>
        TimeSpan.FromTicks(RetryBase.Ticks * (long)Math.Pow(4, Math.Clamp(attempts - 1, 0, 8)));

    public static NotificationOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("EventPlanner:Notifications");
        return new NotificationOptions
        {
            MaxAttempts = Math.Max(1, section.GetValue("MaxAttempts", 5)),
            RetryBase = TimeSpan.FromSeconds(Math.Max(1, section.GetValue("RetryBaseSeconds", 30))),
            Lease = TimeSpan.FromSeconds(Math.Max(30, section.GetValue("LeaseSeconds", 300))),
            BatchSize = Math.Clamp(section.GetValue("BatchSize", 32), 1, 500),
            SendParallelism = Math.Clamp(section.GetValue("SendParallelism", 4), 1, 32),
            SiteName = configuration["EventPlanner:Mail:FromName"] is { Length: > 0 } name ? name : "EventPlanner",
        };
    }
}
