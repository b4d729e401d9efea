using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace EStreamer.Client;

/// <summary>
/// One connection to an eStreamer server (a management center or the emulator): TCP, then TLS with the
/// client certificate (reference 1.2), then whole messages framed by their 8-byte header (reference 2.1).
/// This file connects; <c>EStreamerClient.Framing.cs</c> sends and reads messages; <c>EStreamerClient.Session.cs</c>
/// runs the request exchanges. Every failure is an <see cref="EStreamerClientException"/>.
/// One reader and one writer at a time: like the stream under it, an instance is not thread-safe.
/// </summary>
public sealed partial class EStreamerClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly SslStream _tls;
    private readonly EStreamerClientOptions _options;

    private EStreamerClient(TcpClient tcp, SslStream tls, EStreamerClientOptions options, string endpoint, X509Certificate2 serverCertificate, SslPolicyErrors serverPolicyErrors)
    {
        _tcp = tcp;
        _tls = tls;
        _options = options;
        Endpoint = endpoint;
        ServerCertificate = serverCertificate;
        ServerPolicyErrors = serverPolicyErrors;
    }

    /// <summary>"host:port" ("[::1]:8302" for IPv6), as messages name the server.</summary>
    public string Endpoint { get; }

    public SslProtocols Protocol => _tls.SslProtocol;

    public TlsCipherSuite CipherSuite => _tls.NegotiatedCipherSuite;

    /// <summary>Whether the client certificate went out: true only if the server asked for one.</summary>
    public bool ClientCertificateSent => _tls.IsMutuallyAuthenticated;

    /// <summary>The certificate the server presented (a copy the client owns).</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>What ordinary validation (system trust store, host name) would have said; informative only.</summary>
    public SslPolicyErrors ServerPolicyErrors { get; }

    public EndPoint? LocalEndPoint => _tcp.Client.LocalEndPoint;

    public EndPoint? RemoteEndPoint => _tcp.Client.RemoteEndPoint;

    /// <summary>Connects and completes the TLS handshake; no eStreamer message is sent yet.</summary>
    public static async Task<EStreamerClient> ConnectAsync(EStreamerClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = FormatEndpoint(options.Host, options.Port);
        var tcp = await ConnectTcpAsync(options, endpoint, cancellationToken).ConfigureAwait(false);
        X509Certificate2? serverCertificate = null;
        var policyErrors = SslPolicyErrors.None;
        string? rejection = null;
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, errors) =>
        {
            serverCertificate?.Dispose();
            serverCertificate = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            policyErrors = errors;
            if (serverCertificate is null || options.ServerAuthorities.Count == 0)
            {
                // Like eNcore: accept what the server shows, but keep it for the caller to inspect.
                return true;
            }

            if (ServerCertificateCheck.ChainsTo(serverCertificate, options.ServerAuthorities, out var problems))
            {
                return true;
            }

            rejection = $"server certificate {serverCertificate.Subject} does not chain to the given certificate authority ({string.Join("; ", options.ServerAuthorities.Select(a => a.Subject))}): {problems}";
            return false;
        });
        var authentication = new SslClientAuthenticationOptions
        {
            TargetHost = options.TargetHost,
            EnabledSslProtocols = options.TlsProtocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ClientCertificates = options.ClientCertificate is null ? null : [options.ClientCertificate],

            // Present the certificate even if the server's list of acceptable CAs does not name its issuer:
            // the server, not the client, should decide.
            LocalCertificateSelectionCallback = (_, _, _, _, _) => options.ClientCertificate!,
        };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.HandshakeTimeout);
        try
        {
            await tls.AuthenticateAsClientAsync(authentication, deadline.Token).ConfigureAwait(false);
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

            if (rejection is not null)
            {
                throw new EStreamerClientException(EStreamerClientFailure.ServerCertificate, $"TLS handshake failed: {rejection}", failure);
            }

            var reason = failure is OperationCanceledException
                ? $"no handshake with {endpoint} within {Seconds(options.HandshakeTimeout)}"
                : EStreamerClientException.Describe(failure);
            throw new EStreamerClientException(EStreamerClientFailure.Handshake, $"TLS handshake failed: {reason}", failure);
        }

        if (serverCertificate is null)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            tcp.Dispose();
            throw new EStreamerClientException(EStreamerClientFailure.Handshake, $"TLS handshake failed: {endpoint} presented no server certificate");
        }

        return new EStreamerClient(tcp, tls, options, endpoint, serverCertificate, policyErrors);
    }

    /// <summary>TLS close_notify, then FIN, as a server closes (reference 7.3). Disposing afterwards is still required.</summary>
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
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing left to close.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _tls.DisposeAsync().ConfigureAwait(false);
        _tcp.Dispose();
        ServerCertificate.Dispose();
    }

    internal static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.#} s";

    private static async Task<TcpClient> ConnectTcpAsync(EStreamerClientOptions options, string endpoint, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ConnectTimeout);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(options.Host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(options.Host, deadline.Token).ConfigureAwait(false);
        }
        catch (SocketException failure)
        {
            throw new EStreamerClientException(EStreamerClientFailure.Connect, $"cannot resolve host {options.Host}: {failure.Message}", failure);
        }
        catch (OperationCanceledException failure) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EStreamerClientException(EStreamerClientFailure.Connect, $"cannot resolve host {options.Host}: no answer within {Seconds(options.ConnectTimeout)}", failure);
        }

        if (options.LocalAddress is { } local)
        {
            addresses = addresses.Where(a => a.AddressFamily == local.AddressFamily).ToArray();
        }

        if (addresses.Length == 0)
        {
            throw new EStreamerClientException(EStreamerClientFailure.Connect, $"cannot resolve host {options.Host}: no addresses{(options.LocalAddress is null ? string.Empty : $" of the local address's family ({options.LocalAddress})")}");
        }

        // One socket per address family: the server's address check compares the source address it
        // sees, so an IPv4 target must not be reached through an IPv4-mapped IPv6 socket.
        Exception? last = null;
        foreach (var address in addresses)
        {
            var tcp = options.LocalAddress is { } from
                ? new TcpClient(new IPEndPoint(from, 0)) { NoDelay = true }
                : new TcpClient(address.AddressFamily) { NoDelay = true };
            try
            {
                await tcp.ConnectAsync(address, options.Port, deadline.Token).ConfigureAwait(false);
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
                throw new EStreamerClientException(EStreamerClientFailure.Connect, $"timed out connecting to {endpoint} after {Seconds(options.ConnectTimeout)}", failure);
            }
        }

        throw last is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
            ? new EStreamerClientException(EStreamerClientFailure.Connect, $"connection refused by {endpoint}", last)
            : new EStreamerClientException(EStreamerClientFailure.Connect, $"cannot connect to {endpoint}: {last?.Message}", last);
    }

    private static string FormatEndpoint(string host, int port) =>
        IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]:{port}" : $"{host}:{port}";
}
