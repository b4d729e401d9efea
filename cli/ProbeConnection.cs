using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Cli;

/// <summary>
/// The probe's side of the wire: a TcpClient, an SslStream that connects the way eNcore does (TLS 1.2,
/// leaf-only client certificate, no SNI, server certificate recorded but not checked; reference 1.2,
/// 12.1) and whole messages read with the standard header (reference 2.1). Every failure becomes a
/// <see cref="ProbeFailedException"/> with the line the user reads.
/// </summary>
internal sealed class ProbeConnection : IAsyncDisposable
{
    // Real bundles stay far below this; a larger length means the stream is out of step.
    private const uint MaxMessageLength = MessageCodec.DefaultMaxMessageLength;

    private readonly TcpClient _tcp;
    private readonly SslStream _tls;
    private readonly string _endpoint;

    private ProbeConnection(TcpClient tcp, SslStream tls, string endpoint, X509Certificate2 serverCertificate, SslPolicyErrors serverPolicyErrors)
    {
        _tcp = tcp;
        _tls = tls;
        _endpoint = endpoint;
        ServerCertificate = serverCertificate;
        ServerPolicyErrors = serverPolicyErrors;
    }

    public SslProtocols Protocol => _tls.SslProtocol;

    public TlsCipherSuite CipherSuite => _tls.NegotiatedCipherSuite;

    /// <summary>Whether the client certificate went out: true only if the server asked for one.</summary>
    public bool ClientCertificateSent => _tls.IsMutuallyAuthenticated;

    public X509Certificate2 ServerCertificate { get; }

    /// <summary>What ordinary validation would have said; reported, never enforced.</summary>
    public SslPolicyErrors ServerPolicyErrors { get; }

    public EndPoint? LocalEndPoint => _tcp.Client.LocalEndPoint;

    public EndPoint? RemoteEndPoint => _tcp.Client.RemoteEndPoint;

    public static async Task<ProbeConnection> OpenAsync(string host, int port, X509Certificate2 clientCertificate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var endpoint = FormatEndpoint(host, port);
        var tcp = await ConnectAsync(host, port, endpoint, timeout, cancellationToken).ConfigureAwait(false);
        X509Certificate2? serverCertificate = null;
        var policyErrors = SslPolicyErrors.None;
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, errors) =>
        {
            // Accept whatever the server shows, as eNcore does, but keep it for the report.
            serverCertificate = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            policyErrors = errors;
            return true;
        });
        var options = new SslClientAuthenticationOptions
        {
            // An empty target host sends no SNI, like eNcore (reference 1.2).
            TargetHost = string.Empty,
            EnabledSslProtocols = SslProtocols.Tls12,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ClientCertificates = [clientCertificate],

            // Present the certificate even if the server's list of acceptable CAs does not name its issuer:
            // the server, not the client, should decide, and the report should say what it decided.
            LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate,
        };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await tls.AuthenticateAsClientAsync(options, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            tcp.Dispose();
            serverCertificate?.Dispose();
            if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            var reason = failure is OperationCanceledException
                ? $"no handshake with {endpoint} within {timeout.TotalSeconds:0.#} s"
                : Describe(failure);
            throw new ProbeFailedException($"TLS handshake failed: {reason}", failure);
        }

        if (serverCertificate is null)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            tcp.Dispose();
            throw new ProbeFailedException($"TLS handshake failed: {endpoint} presented no server certificate");
        }

        return new ProbeConnection(tcp, tls, endpoint, serverCertificate, policyErrors);
    }

    public async Task SendAsync(IMessage message, CancellationToken cancellationToken)
    {
        await _tls.WriteAsync(MessageCodec.Encode(message), cancellationToken).ConfigureAwait(false);
        await _tls.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One whole message (header included), or null when the server closed the connection cleanly
    /// between messages. A reset counts as a close: a server that refuses a client may reset rather
    /// than finish gracefully. A close inside a message is a failure of its own.
    /// </summary>
    public async Task<byte[]?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var header = new byte[MessageHeader.Size];
        if (!await ReadExactlyOrEndAsync(header, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(MessageHeader.LengthFieldOffset));
        if (length > MaxMessageLength)
        {
            throw new ProbeFailedException($"{_endpoint} sent a message header announcing {length} bytes (more than {MaxMessageLength}): not an eStreamer stream, or out of step");
        }

        var message = new byte[MessageHeader.Size + length];
        header.CopyTo(message, 0);
        if (!await ReadExactlyOrEndAsync(message.AsMemory(MessageHeader.Size), cancellationToken).ConfigureAwait(false))
        {
            throw new ProbeFailedException($"{_endpoint} closed the connection in the middle of a message");
        }

        return message;
    }

    /// <summary>TLS close_notify, then FIN, as the server itself closes (reference 7.3).</summary>
    public async Task CloseAsync()
    {
        try
        {
            await _tls.ShutdownAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The server went first; nothing left to say.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _tls.DisposeAsync().ConfigureAwait(false);
        _tcp.Dispose();
        ServerCertificate.Dispose();
    }

    private static async Task<TcpClient> ConnectAsync(string host, int port, string endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, deadline.Token).ConfigureAwait(false);
        }
        catch (SocketException failure)
        {
            throw new ProbeFailedException($"cannot resolve host {host}: {failure.Message}", failure);
        }
        catch (OperationCanceledException failure) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProbeFailedException($"cannot resolve host {host}: no answer within {timeout.TotalSeconds:0.#} s", failure);
        }

        if (addresses.Length == 0)
        {
            throw new ProbeFailedException($"cannot resolve host {host}: no addresses");
        }

        // One socket per address family: the server's address check compares the source address it
        // sees, so an IPv4 target must not be reached through an IPv4-mapped IPv6 socket.
        Exception? last = null;
        foreach (var address in addresses)
        {
            var tcp = new TcpClient(address.AddressFamily) { NoDelay = true };
            try
            {
                await tcp.ConnectAsync(address, port, deadline.Token).ConfigureAwait(false);
                return tcp;
            }
            catch (SocketException failure)
            {
                tcp.Dispose();
                last = failure;
            }
            catch (OperationCanceledException failure) when (!cancellationToken.IsCancellationRequested)
            {
                tcp.Dispose();
                throw new ProbeFailedException($"timed out connecting to {endpoint} after {timeout.TotalSeconds:0.#} s", failure);
            }
        }

        throw last is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
            ? new ProbeFailedException($"connection refused by {endpoint}", last)
            : new ProbeFailedException($"cannot connect to {endpoint}: {last?.Message}", last!);
    }

    private async Task<bool> ReadExactlyOrEndAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            int n;
            try
            {
                n = await _tls.ReadAsync(buffer[read..], cancellationToken).ConfigureAwait(false);
            }
            catch (IOException) when (read == 0)
            {
                return false;
            }
            catch (IOException failure)
            {
                throw new ProbeFailedException($"{_endpoint} closed the connection in the middle of a message: {Describe(failure)}", failure);
            }

            if (n == 0)
            {
                return read == 0 ? false : throw new ProbeFailedException($"{_endpoint} closed the connection in the middle of a message");
            }

            read += n;
        }

        return true;
    }

    private static string FormatEndpoint(string host, int port) =>
        IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]:{port}" : $"{host}:{port}";

    /// <summary>The exception and its causes on one line: "Authentication failed: ... (broken pipe)".</summary>
    private static string Describe(Exception failure)
    {
        var parts = new List<string>();
        for (var current = failure; current is not null; current = current.InnerException)
        {
            var text = current.Message.ReplaceLineEndings(" ").Trim();
            if (text.Length > 0 && !parts.Contains(text))
            {
                parts.Add(text);
            }
        }

        return string.Join(": ", parts);
    }
}
