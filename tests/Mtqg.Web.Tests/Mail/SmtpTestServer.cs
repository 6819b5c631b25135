using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Mtqg.Web.Tests.Mail;

/// <summary>A real SMTP server (SmtpServer) on a loopback port, keeping every message it receives, for the app to send to.</summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> received = new();
    private CancellationTokenSource? stop;
    private Task? running;

    public SmtpTestServer(int? port = null) => Port = port ?? FreePort();

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages => [.. received];

    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>A port nothing listens on now (the app may be pointed at it before the server starts).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts listening and returns once a connection is accepted.</summary>
    public async Task<SmtpTestServer> StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.thu-nghiem")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(received));
        stop = new CancellationTokenSource();
        running = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return this;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>The messages to <paramref name="address"/> once there are <paramref name="count"/> of them (polled; fails after the timeout).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (To(address).Count < count)
        {
            if (DateTime.UtcNow > until)
                Assert.Fail(
                    $"No {count} mail(s) to {address} within {seconds} s; received: {string.Join("; ", Messages.Select(m => $"{m.To} «{m.Subject}»"))}"
                );
            await Task.Delay(50);
        }
        return To(address);
    }

    public async ValueTask DisposeAsync()
    {
        if (stop is null)
            return;
        await stop.CancelAsync();
        try
        {
            await running!;
        }
        catch (OperationCanceledException) { }
        stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context,
            IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken
        )
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
