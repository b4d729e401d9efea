using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace EStreamer.Client.Tests.Support;

/// <summary>
/// A TLS server on 127.0.0.1, port 0, for one connection, that does what a test script says: send a
/// frame that is too long, stop inside a message, record what the client sent. It asks for a client
/// certificate and accepts any. Disposing it stops listening and waits for the script.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener;
    private readonly Task _run;

    private ScriptedServer(TcpListener listener, Task run)
    {
        _listener = listener;
        _run = run;
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The script's own outcome: awaiting it surfaces its failed checks.</summary>
    public Task Completion => _run;

    /// <summary>Accepts one client, completes TLS and runs <paramref name="script"/> on the stream; then closes gracefully.</summary>
    public static ScriptedServer Start(X509Certificate2 certificate, Func<SslStream, Task> script)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new ScriptedServer(listener, ServeAsync(listener, certificate, script));
    }

    /// <summary>Accepts one client, completes TLS, then resets the connection (no close_notify, no FIN).</summary>
    public static ScriptedServer StartResetting(X509Certificate2 certificate)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new ScriptedServer(listener, ServeAsync(listener, certificate, _ => Task.CompletedTask, reset: true));
    }

    /// <summary>Accepts one client and never speaks TLS: the handshake cannot complete.</summary>
    public static ScriptedServer StartSilent()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new ScriptedServer(listener, HoldAsync(listener));
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes the client sent.</summary>
    public static async Task<byte[]> ReadAsync(Stream stream, int count)
    {
        var bytes = new byte[count];
        await stream.ReadExactlyAsync(bytes).AsTask().WaitAsync(Timeout);
        return bytes;
    }

    /// <summary>Waits until the client closes its side (a read returns 0 or fails).</summary>
    public static async Task WaitForClientCloseAsync(Stream stream)
    {
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer).AsTask().WaitAsync(Timeout) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _run.WaitAsync(Timeout);
    }

    private static async Task ServeAsync(TcpListener listener, X509Certificate2 certificate, Func<SslStream, Task> script, bool reset = false)
    {
        using var socket = await listener.AcceptTcpClientAsync().WaitAsync(Timeout);
        await using var tls = new SslStream(socket.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
        {
            ServerCertificate = certificate,
            ClientCertificateRequired = true,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        }).WaitAsync(Timeout);
        await script(tls);
        if (reset)
        {
            // Linger 0 makes the close an abortive one: the peer sees a TCP reset.
            socket.Client.LingerState = new LingerOption(true, 0);
            socket.Client.Close();
            return;
        }

        try
        {
            await tls.ShutdownAsync();
        }
        catch (IOException)
        {
            // The client went first.
        }
    }

    private static async Task HoldAsync(TcpListener listener)
    {
        using var socket = await listener.AcceptTcpClientAsync().WaitAsync(Timeout);
        await WaitForClientCloseAsync(socket.GetStream());
    }
}
