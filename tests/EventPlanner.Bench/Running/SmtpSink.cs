using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace EventPlanner.Bench.Running;

/// <summary>
/// A local SMTP server for the app to deliver to (the SmtpServer package, plain SMTP on a free
/// loopback port, in the harness process). It keeps only what the measurement needs: how many times
/// each Message-Id arrived, and when the first and the last message arrived.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private long _received;

    public SmtpSink()
    {
        var listeners = new NoDelayListeners();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(listeners);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("bench-smtp.localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        Port = listeners.Started.Task.WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
    }

    public int Port { get; }

    /// <summary>Arrivals by Message-Id (without angle brackets): how many, and the Stopwatch timestamps of the first and the last.</summary>
    public ConcurrentDictionary<string, Arrival> ByMessageId { get; } = new(StringComparer.Ordinal);

    public long Received => Interlocked.Read(ref _received);

    /// <summary>The app's settings (as environment variables) that send its mail here.</summary>
    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["EventPlanner__Mail__Smtp__Host"] = "127.0.0.1",
        ["EventPlanner__Mail__Smtp__Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["EventPlanner__Mail__Smtp__Security"] = "None",
        ["EventPlanner__Mail__Smtp__TimeoutSeconds"] = "10",
    };

    public readonly record struct Arrival(int Count, long FirstAt, long LastAt);

    private void Record(string messageId)
    {
        var now = Stopwatch.GetTimestamp();
        ByMessageId.AddOrUpdate(messageId, new Arrival(1, now, now), (_, a) => a with { Count = a.Count + 1, LastAt = now });
        Interlocked.Increment(ref _received);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running.WaitAsync(TimeSpan.FromSeconds(10)); } catch (OperationCanceledException) { } catch (TimeoutException) { }
        _stop.Dispose();
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            // Only the headers are parsed: the harness shares the machine with the app it measures.
            using var stream = new MemoryStream(buffer.ToArray());
            var headers = await HeaderList.LoadAsync(stream, cancellationToken);
            sink.Record((headers[HeaderId.MessageId] ?? "").Trim().TrimStart('<').TrimEnd('>'));
            return SmtpResponse.Ok;
        }
    }

    /// <summary>
    /// Accepts connections with Nagle's algorithm off. The package's own listener leaves it on, and its
    /// several small replies per message then wait for the client's delayed ACK (about 40 ms each),
    /// which would make the figure measure that stall rather than the app's delivery.
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
            private PipeReader? _input;
            private PipeWriter? _output;
            public PipeReader Input => _input ??= PipeReader.Create(_stream);
            public PipeWriter Output => _output ??= PipeWriter.Create(_stream);
            public bool IsSecure => false;
            public System.Security.Authentication.SslProtocols SslProtocol => System.Security.Authentication.SslProtocols.None;

            public Task UpgradeAsync(System.Security.Cryptography.X509Certificates.X509Certificate certificate,
                System.Security.Authentication.SslProtocols protocols, CancellationToken cancellationToken = default) =>
                throw new NotSupportedException("The bench SMTP server speaks plain SMTP only.");

            public void Dispose() => client.Dispose();
        }
    }
}
