using System.Collections.Concurrent;
using EventPlanner.Web.Features.Notifications;

namespace EventPlanner.Tests.Infrastructure;

/// <summary>Keeps sent mail in memory so tests can follow the links in it.</summary>
public sealed class CapturingMailSender : IMailSender
{
    public ConcurrentQueue<OutgoingMail> Sent { get; } = new();

    public Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        Sent.Enqueue(mail);
        return Task.CompletedTask;
    }

    public OutgoingMail LastTo(string address) =>
        Sent.Reverse().FirstOrDefault(m => string.Equals(m.ToAddress, address, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"No mail was sent to {address}.");
}
