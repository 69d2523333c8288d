using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using EventPlanner.TestSupport;
using MimeKit;
using SmtpServer.Protocol;

namespace EventPlanner.Bench.Running;

/// <summary>
/// A local SMTP server for the app to deliver to (plain SMTP on a free loopback port, in the harness process).
/// It keeps only what the measurement needs: how many times each Message-Id arrived, and when the first and
/// the last message arrived.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly LoopbackSmtpServer _server;
    private long _received;

    public SmtpSink() => _server = new LoopbackSmtpServer("bench-smtp.localhost", SaveAsync);

    public int Port => _server.Port;

    /// <summary>Arrivals by Message-Id (without angle brackets): how many, and the Stopwatch timestamps of the first and the last.</summary>
    public ConcurrentDictionary<string, Arrival> ByMessageId { get; } = new(StringComparer.Ordinal);

    public long Received => Interlocked.Read(ref _received);

    /// <summary>The app's settings (as environment variables) that send its mail here.</summary>
    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>(_server.AppSettings)
    {
        ["EventPlanner__Mail__Smtp__TimeoutSeconds"] = "10",
    };

    public readonly record struct Arrival(int Count, long FirstAt, long LastAt);

    private void Record(string messageId)
    {
        var now = Stopwatch.GetTimestamp();
        ByMessageId.AddOrUpdate(messageId, new Arrival(1, now, now), (_, a) => a with { Count = a.Count + 1, LastAt = now });
        Interlocked.Increment(ref _received);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task<SmtpResponse> SaveAsync(ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        // Only the headers are parsed: the harness shares the machine with the app it measures.
        using var stream = new MemoryStream(buffer.ToArray());
        var headers = await HeaderList.LoadAsync(stream, cancellationToken);
        Record((headers[HeaderId.MessageId] ?? "").Trim().TrimStart('<').TrimEnd('>'));
        return SmtpResponse.Ok;
    }
}
