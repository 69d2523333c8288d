using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace EventPlanner.BrowserTests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port that keeps every message it
/// accepts, so a journey can wait for the mails the app really sent over SMTP.
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public MailCatcher()
    {
        Port = FreePort();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Messages));
        var options = new SmtpServerOptionsBuilder()
            .ServerName("mail-catcher.localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>Settings that point the app's SMTP transport at this server.</summary>
    public IDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["EventPlanner__Mail__Smtp__Host"] = "127.0.0.1",
        ["EventPlanner__Mail__Smtp__Port"] = Port.ToString(),
        ["EventPlanner__Mail__Smtp__Security"] = "None",
    };

    /// <summary>Waits for a message to <paramref name="to"/> whose subject contains <paramref name="subject"/>.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, string subject, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var found = Messages.FirstOrDefault(m =>
                m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase))
                && (m.Subject ?? "").Contains(subject, StringComparison.OrdinalIgnoreCase));
            if (found is not null) return found;
            await Task.Delay(200);
        }
        var seen = string.Join("\n", Messages.Select(m => $"  {string.Join(",", m.To.Mailboxes.Select(a => a.Address))}: {m.Subject}"));
        throw new TimeoutException($"No mail to {to} with '{subject}' in its subject arrived. Seen:\n{seen}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running.WaitAsync(TimeSpan.FromSeconds(10)); } catch (OperationCanceledException) { } catch (TimeoutException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
