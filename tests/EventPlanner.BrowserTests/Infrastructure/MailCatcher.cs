using System.Buffers;
using System.Collections.Concurrent;
using EventPlanner.TestSupport;
using MimeKit;
using SmtpServer.Protocol;

namespace EventPlanner.BrowserTests.Infrastructure;

/// <summary>
/// A real SMTP server on a free loopback port that keeps every message it accepts, so a journey can wait
/// for the mails the app really sent over SMTP.
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private readonly LoopbackSmtpServer _server;

    public MailCatcher()
    {
        _server = new LoopbackSmtpServer("mail-catcher.localhost", async (buffer, ct) =>
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, ct));
            return SmtpResponse.Ok;
        });
    }

    public int Port => _server.Port;

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>Settings that point the app's SMTP transport at this server.</summary>
    public IDictionary<string, string> AppSettings => new Dictionary<string, string>(_server.AppSettings);

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

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
