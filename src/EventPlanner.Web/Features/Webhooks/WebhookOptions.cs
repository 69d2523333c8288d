namespace EventPlanner.Web.Features.Webhooks;

/// <summary>Delivery settings from EventPlanner:Webhooks; the defaults refuse anything but public https targets.</summary>
public sealed class WebhookOptions
{
    /// <summary>Plain http targets (administrators of a closed network; tests).</summary>
    public bool AllowHttp { get; init; }

    /// <summary>Loopback, private, link-local and similar targets, at registration and at connect time.</summary>
    public bool AllowPrivateTargets { get; init; }

    /// <summary>Attempts before a delivery is failed: with the default backoff, 10 attempts span about 27 hours.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>Wait after the first failure; each further failure waits three times longer.</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whole request, connect included: a slow receiver must not hold a worker.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longer than a batch can take (batch / parallelism x timeout), so a live run never loses its rows.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    public int BatchSize { get; init; } = 200;

    public int Parallelism { get; init; } = 16;

    public TimeSpan BackoffAfter(int attempts) =>
        TimeSpan.FromTicks(RetryBase.Ticks * (long)Math.Pow(3, Math.Clamp(attempts - 1, 0, 12)));

    public static WebhookOptions From(IConfiguration configuration)
    {
        var s = configuration.GetSection("EventPlanner:Webhooks");
        return new WebhookOptions
        {
            AllowHttp = s.GetValue("AllowHttp", false),
            AllowPrivateTargets = s.GetValue("AllowPrivateTargets", false),
            MaxAttempts = Math.Clamp(s.GetValue("MaxAttempts", 10), 1, 20),
            RetryBase = TimeSpan.FromSeconds(Math.Clamp(s.GetValue("RetryBaseSeconds", 10.0), 0.01, 3600)),
            Timeout = TimeSpan.FromSeconds(Math.Clamp(s.GetValue("TimeoutSeconds", 10), 1, 60)),
            ConnectTimeout = TimeSpan.FromSeconds(Math.Clamp(s.GetValue("ConnectTimeoutSeconds", 5), 1, 30)),
            Lease = TimeSpan.FromSeconds(Math.Max(30, s.GetValue("LeaseSeconds", 300))),
            BatchSize = Math.Clamp(s.GetValue("BatchSize", 200), 1, 1000),
            Parallelism = Math.Clamp(s.GetValue("Parallelism", 16), 1, 64),
        };
    }
}
