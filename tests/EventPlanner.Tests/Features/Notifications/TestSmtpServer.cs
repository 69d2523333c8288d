using System.Buffers;
using System.Collections.Concurrent;
using EventPlanner.TestSupport;
using MimeKit;
using SmtpServer.Protocol;

namespace EventPlanner.Tests.Features.Notifications;

/// <summary>
/// A real SMTP server on a free loopback port, inside the test process. It can refuse mail (a transient 451)
/// or hold replies after a number of accepted messages, to stand in for a server that is down or slow when
/// the app stops.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly LoopbackSmtpServer _server;
    private int _admitted;
    private int _held;
    private TaskCompletionSource<bool> _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TestSmtpServer() => _server = new LoopbackSmtpServer("test-smtp.localhost", SaveAsync);

    public int Port => _server.Port;

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>While true, every message is answered with 451 (try again later).</summary>
    public volatile bool Refuse;

    /// <summary>Once this many messages are stored, further messages wait for <see cref="ReleaseHeld"/> before any reply.</summary>
    public int? HoldAfter { get; set; }

    public int HeldCount => Volatile.Read(ref _held);

    /// <summary>How long each message waits before it is stored and answered: a slow server, so a drain is still busy when a test stops its node.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Ends the hold: the held messages are dropped (<paramref name="accept"/> false, as if the server never committed them) or stored.</summary>
    public void ReleaseHeld(bool accept)
    {
        HoldAfter = null;
        _gate.TrySetResult(accept);
    }

    public int CountWithMessageId(string messageId) => Messages.Count(m => m.MessageId == messageId);

    public async ValueTask DisposeAsync()
    {
        _gate.TrySetResult(false);
        await _server.DisposeAsync();
    }

    private async Task<SmtpResponse> SaveAsync(ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        if (Refuse) return new SmtpResponse(SmtpReplyCode.Aborted, "4.3.2 Test server is refusing mail");
        // Count admissions, not stores, so parallel senders cannot slip past the limit together.
        if (HoldAfter is { } limit && Interlocked.Increment(ref _admitted) > limit)
        {
            Interlocked.Increment(ref _held);
            if (!await _gate.Task.WaitAsync(cancellationToken)) return SmtpResponse.TransactionFailed;
        }
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
        using var stream = new MemoryStream(buffer.ToArray());
        Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
        return SmtpResponse.Ok;
    }
}
