using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>SMTP settings from EventPlanner:Mail:Smtp; a Host turns SMTP on.</summary>
public sealed record SmtpSettings(string Host, int Port, SecureSocketOptions Security, string? User, string? Password, TimeSpan Timeout, int MaxConnections)
{
    public static SmtpSettings? From(IConfiguration configuration)
    {
        var section = configuration.GetSection("EventPlanner:Mail:Smtp");
        var host = section["Host"];
        if (string.IsNullOrWhiteSpace(host)) return null;
        var security = section["Security"] is { Length: > 0 } s
            ? Enum.Parse<SecureSocketOptions>(s, ignoreCase: true)
            : SecureSocketOptions.StartTlsWhenAvailable;
        return new SmtpSettings(host.Trim(), section.GetValue("Port", 587), security,
            section["User"] is { Length: > 0 } user ? user : null, section["Password"],
            TimeSpan.FromSeconds(Math.Clamp(section.GetValue("TimeoutSeconds", 30), 1, 600)),
            Math.Clamp(section.GetValue("MaxConnections", 4), 1, 32));
    }
}

/// <summary>
/// Sends through an SMTP server with MailKit, keeping a few authenticated connections open between
/// messages (connecting and TLS per message would cap us at a few mails a second). A connection that
/// failed is thrown away; one idle for long is closed before the server times it out under us.
/// </summary>
public sealed class SmtpMailSender(SmtpSettings settings, IConfiguration configuration, TimeProvider clock, ILogger<SmtpMailSender> logger)
    : IMailSender, IAsyncDisposable
{
    private static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(30);
    private readonly ConcurrentBag<(SmtpClient Client, long ReturnedAt)> _idle = [];
    private readonly SemaphoreSlim _slots = new(settings.MaxConnections, settings.MaxConnections);

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        var message = MailComposer.Compose(mail, configuration, clock);
        await _slots.WaitAsync(ct);
        SmtpClient? client = null;
        try
        {
            client = await RentAsync(ct);
            await client.SendAsync(message, ct);
            _idle.Add((client, Environment.TickCount64));
            client = null;
        }
        finally
        {
            if (client is not null) await DiscardAsync(client);
            _slots.Release();
        }
    }

    private async Task<SmtpClient> RentAsync(CancellationToken ct)
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.Client.IsConnected && Environment.TickCount64 - idle.ReturnedAt < MaxIdle.TotalMilliseconds) return idle.Client;
            await DiscardAsync(idle.Client);
        }
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, ct);
            if (settings.User is not null) await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task DiscardAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.DisconnectAsync(quit: true, quit.Token);
            }
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Closing an SMTP connection failed");
        }
        finally
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var idle)) await DiscardAsync(idle.Client);
    }
}
