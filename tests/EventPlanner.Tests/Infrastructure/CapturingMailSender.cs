using System.Collections.Concurrent;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Tests.Infrastructure;

/// <summary>
/// Keeps sent mail in memory so tests can follow the links in it. Mail leaves through the outbox's
/// background delivery, so a test waits for it with <see cref="WaitForAsync"/> (bounded, woken by each
/// mail as it arrives) rather than reading <see cref="Sent"/> straight after the request.
/// </summary>
public sealed class CapturingMailSender : IMailSender
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<OutgoingMail> Sent { get; } = new();

    public Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        Sent.Enqueue(mail);
        Interlocked.Exchange(ref _arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return Task.CompletedTask;
    }

    public OutgoingMail LastTo(string address) =>
        Sent.Reverse().FirstOrDefault(m => To(m, address))
        ?? throw new InvalidOperationException($"No mail was sent to {address}.");

    /// <summary>The latest mail of one kind to <paramref name="address"/>: a speaker's submission receipt can
    /// leave after the decision mail that the test is about, so "the last mail to" alone races.</summary>
    public OutgoingMail LastTo(string address, string kind) =>
        Sent.Reverse().FirstOrDefault(m => To(m, address) && m.Kind == kind)
        ?? throw new InvalidOperationException($"No {kind} mail was sent to {address}.");

    /// <summary>The latest mail to <paramref name="to"/> whose subject contains <paramref name="subjectContains"/>, once it has arrived.</summary>
    public async Task<OutgoingMail> WaitForAsync(string to, string? subjectContains = null, TimeSpan? timeout = null)
    {
        OutgoingMail? found = null;
        await WaitUntilAsync(() => (found = Sent.Reverse().FirstOrDefault(m => To(m, to) && (subjectContains is null || m.Subject.Contains(subjectContains)))) is not null,
            $"a mail to {to}{(subjectContains is null ? "" : $" about '{subjectContains}'")}", timeout);
        return found!;
    }

    /// <summary>Waits until <paramref name="condition"/> (over the mail sent so far) holds; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var arrived = Volatile.Read(ref _arrived).Task; // taken before the check, so a mail in between wakes us
            if (condition()) return;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                var seen = string.Join("; ", Sent.TakeLast(10).Select(m => $"{m.ToAddress}: {m.Subject}"));
                throw new TimeoutException($"Waited {(timeout ?? DefaultTimeout).TotalSeconds:0}s for {what}. Latest mail: {seen}");
            }
            await Task.WhenAny(arrived, Task.Delay(left));
        }
    }

    public int CountTo(string address, string? subjectContains = null) =>
        Sent.Count(m => To(m, address) && (subjectContains is null || m.Subject.Contains(subjectContains)));

    private static bool To(OutgoingMail m, string address) => string.Equals(m.ToAddress, address, StringComparison.OrdinalIgnoreCase);
}
