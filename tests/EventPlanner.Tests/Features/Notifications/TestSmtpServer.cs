using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.IO.Pipelines;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace EventPlanner.Tests.Features.Notifications;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port, inside the test process. It
/// can refuse mail (a transient 451) or hold replies after a number of accepted messages, to stand in
/// for a server that is down or slow when the app stops.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store;

    public TestSmtpServer()
    {
        _store = new Store(this);
        var listeners = new NoDelayListeners();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        services.Add(listeners);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("test-smtp.localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        Port = listeners.Started.Task.WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>While true, every message is answered with 451 (try again later).</summary>
    public volatile bool Refuse;

    /// <summary>Once this many messages are stored, further messages wait for <see cref="ReleaseHeld"/> before any reply.</summary>
    public int? HoldAfter { get; set; }

    public int HeldCount => _store.Held;

    private TaskCompletionSource<bool> _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
        await _stop.CancelAsync();
        try { await _running.WaitAsync(TimeSpan.FromSeconds(10)); } catch (OperationCanceledException) { } catch (TimeoutException) { }
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        private int _admitted;
        public int Held;

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server.Refuse) return new SmtpResponse(SmtpReplyCode.Aborted, "4.3.2 Test server is refusing mail");
            // Count admissions, not stores, so parallel senders cannot slip past the limit together.
            if (server.HoldAfter is { } limit && Interlocked.Increment(ref _admitted) > limit)
            {
                Interlocked.Increment(ref Held);
                if (!await server._gate.Task.WaitAsync(cancellationToken)) return SmtpResponse.TransactionFailed;
            }
            using var stream = new MemoryStream(buffer.ToArray());
            server.Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    /// <summary>
    /// Accepts connections with Nagle's algorithm off. The package's own listener leaves it on, and its
    /// several small replies per message then wait for the client's delayed ACK (about 40 ms each), which
    /// would make any throughput figure measure that stall rather than our delivery.
    /// </summary>
    private sealed class NoDelayListeners : IEndpointListenerFactory
    {
        public TaskCompletionSource<int> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IEndpointListener CreateListener(IEndpointDefinition definition)
        {
            var tcp = new TcpListener(definition.Endpoint);
            tcp.Start();
            Started.TrySetResult(((IPEndPoint)tcp.LocalEndpoint).Port);
            return new Listener(tcp);
        }

        private sealed class Listener(TcpListener tcp) : IEndpointListener
        {
            public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
            {
                var client = await tcp.AcceptTcpClientAsync(cancellationToken);
                client.NoDelay = true;
                context.Properties[EndpointListener.LocalEndPointKey] = client.Client.LocalEndPoint!;
                context.Properties[EndpointListener.RemoteEndPointKey] = client.Client.RemoteEndPoint!;
                return new PlainPipe(client);
            }

            public void Dispose() => tcp.Stop();
        }

        private sealed class PlainPipe(TcpClient client) : ISecurableDuplexPipe
        {
            private readonly NetworkStream _stream = client.GetStream();
            public PipeReader Input => _input ??= PipeReader.Create(_stream);
            public PipeWriter Output => _output ??= PipeWriter.Create(_stream);
            private PipeReader? _input;
            private PipeWriter? _output;
            public bool IsSecure => false;
            public System.Security.Authentication.SslProtocols SslProtocol => System.Security.Authentication.SslProtocols.None;

            public Task UpgradeAsync(System.Security.Cryptography.X509Certificates.X509Certificate certificate,
                System.Security.Authentication.SslProtocols protocols, CancellationToken cancellationToken = default) =>
                throw new NotSupportedException("The test server speaks plain SMTP only.");

            public void Dispose() => client.Dispose();
        }
    }
}
