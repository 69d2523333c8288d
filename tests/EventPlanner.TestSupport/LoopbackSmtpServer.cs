using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace EventPlanner.TestSupport;

/// <summary>
/// A real SMTP server (the SmtpServer package, plain SMTP) on a free loopback port, inside the calling process.
/// What happens to each message is the caller's: <c>save</c> gets its raw bytes and answers with the reply
/// (stored, refused, held). The integration tests, the browser tests and the benchmark harness each wrap one.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public LoopbackSmtpServer(string serverName, Func<ReadOnlySequence<byte>, CancellationToken, Task<SmtpResponse>> save)
    {
        var listeners = new NoDelayListeners();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(save));
        services.Add(listeners);
        var options = new SmtpServerOptionsBuilder()
            .ServerName(serverName)
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        // Port 0 and the listener's own report: no window between picking a free port and binding it.
        Port = listeners.Started.Task.WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
    }

    public int Port { get; }

    /// <summary>The app's settings (as environment variables or configuration keys) that send its mail here.</summary>
    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["EventPlanner__Mail__Smtp__Host"] = "127.0.0.1",
        ["EventPlanner__Mail__Smtp__Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["EventPlanner__Mail__Smtp__Security"] = "None",
    };

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return; // fixtures and tests may both dispose it
        await _stop.CancelAsync();
        try { await _running.WaitAsync(TimeSpan.FromSeconds(10)); } catch (OperationCanceledException) { } catch (TimeoutException) { }
        _stop.Dispose();
    }

    private sealed class Store(Func<ReadOnlySequence<byte>, CancellationToken, Task<SmtpResponse>> save) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken) =>
            save(buffer, cancellationToken);
    }

    /// <summary>
    /// Accepts connections with Nagle's algorithm off. The package's own listener leaves it on, and its several
    /// small replies per message then wait for the client's delayed ACK (about 40 ms each), which would make a
    /// throughput figure measure that stall rather than the app's delivery, and slow every test that sends mail.
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
                throw new NotSupportedException("The loopback SMTP server speaks plain SMTP only.");

            public void Dispose() => client.Dispose();
        }
    }
}
