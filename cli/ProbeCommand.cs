using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EStreamer.Client;

namespace EStreamer.Emulator.Cli;

/// <summary>
/// `probe`: connects to any eStreamer server (this emulator or a management center) the way a client
/// does, like the SSL test script of Cisco's SDK, and says what happened. The report (TLS version,
/// server certificate, whether the client certificate was accepted, what was asked for) goes to the
/// report writer (standard error); decoded records go to the output writer (standard output) as JSON
/// lines, so `probe ... | jq` sees nothing else. Exit status: 0 success, 1 failure with one line
/// naming it, 2 usage error.
/// </summary>
/// <remarks>
/// Built on the client library (TcpClient, SslStream and the protocol library; no DotNetty), so it speaks
/// to a real server exactly as it speaks to the emulator.
/// </remarks>
public static class ProbeCommand
{
    /// <summary>The command's work once its options are read: 0 on success, 1 with one line naming the failure.</summary>
    public static async Task<int> RunAsync(ProbeOptions options, TextWriter output, TextWriter report, CancellationToken cancellationToken = default)
    {
        try
        {
            await ProbeAsync(options, output, report, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Exception failure) when (failure is ProbeFailedException or EStreamerClientException)
        {
            report.WriteLine($"estreamer-emulator: error: {failure.Message}");
            return 1;
        }
    }

    /// <summary>
    /// The whole command in-process, with the program's exit statuses and messages: the probe's options
    /// (without the word "probe") in, status out. For tests and for embedding in other tools.
    /// </summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter report, CancellationToken cancellationToken = default) =>
        Program.RunAsync(["probe", .. args], new CommandContext(output, report, new Dictionary<string, string?>()), cancellationToken);

    /// <summary>Runs the probe; any verdict but success is a <see cref="ProbeFailedException"/> or an <see cref="EStreamerClientException"/>.</summary>
    public static async Task ProbeAsync(ProbeOptions options, TextWriter output, TextWriter report, CancellationToken cancellationToken = default)
    {
        using var bundle = ClientCertificateBundle.Load(options.Pkcs12File, options.Password);
        using var pcap = OpenPcap(options.PcapFile);
        var client = bundle.Certificate;
        Say(report, $"client certificate: {client.Subject}, issued by {client.Issuer}, valid {Validity(client)} (from {options.Pkcs12File})");
        Say(report, $"connecting to {options.Host}:{options.Port}");

        var clientOptions = new EStreamerClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            ClientCertificate = client,
            ConnectTimeout = options.Timeout,
            HandshakeTimeout = options.Timeout,
            ReadTimeout = options.Timeout,

            // The probe acknowledges data only, and not the last message it reads (see ProbeSession).
            AcknowledgeEveryMessage = false,
        };
        await using var connection = await EStreamerClient.ConnectAsync(clientOptions, cancellationToken).ConfigureAwait(false);
        Say(report, $"connected from {connection.LocalEndPoint} to {connection.RemoteEndPoint}");
        Say(report, $"TLS: {TlsName(connection.Protocol)}, cipher suite {connection.CipherSuite}");
        ReportServerCertificate(report, connection, bundle.Authorities);
        Say(report, connection.ClientCertificateSent
            ? "client certificate: sent (the server asked for one)"
            : "client certificate: not sent (the server did not ask for one)");

        var session = new ProbeSession(connection, options, output, report, pcap);
        await session.RunAsync(cancellationToken).ConfigureAwait(false);
        await connection.CloseAsync().ConfigureAwait(false);
    }

    internal static void Say(TextWriter report, string text) => report.WriteLine($"probe: {text}");

    // Opened before connecting, so that a file that cannot be written fails the probe before any traffic.
    private static PcapWriter? OpenPcap(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return PcapWriter.Create(path);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ProbeFailedException($"cannot write the --pcap file {path}: {failure.Message}", failure);
        }
    }

    private static void ReportServerCertificate(TextWriter report, EStreamerClient connection, IReadOnlyList<X509Certificate2> authorities)
    {
        var server = connection.ServerCertificate;
        Say(report, $"server certificate subject: {server.Subject}");
        Say(report, $"server certificate issuer: {server.Issuer}");
        Say(report, $"server certificate validity: {Validity(server)}");
        Say(report, $"server certificate SHA-256: {Fingerprint(server)}");

        // The guide advises checking the server against the CA shipped in the PKCS#12; eNcore does not
        // check at all (reference 1.2). Neither does the probe, but it says what a check would find.
        Say(report, $"server certificate check: not enforced; {ChainVerdict(server, authorities)}");
        if (connection.ServerPolicyErrors != SslPolicyErrors.None)
        {
            Say(report, $"server certificate, as ordinary validation would see it (no host name given, system trust store): {connection.ServerPolicyErrors}");
        }
    }

    private static string ChainVerdict(X509Certificate2 server, IReadOnlyList<X509Certificate2> authorities)
    {
        if (authorities.Count == 0)
        {
            return "the PKCS#12 holds no CA certificate to check it against";
        }

        var names = string.Join("; ", authorities.Select(a => a.Subject));
        return ServerCertificateCheck.ChainsTo(server, authorities, out var problems)
            ? $"chains to the PKCS#12's CA ({names})"
            : $"does not chain to the PKCS#12's CA ({names}): {problems}";
    }

    private static string Validity(X509Certificate2 certificate)
    {
        var from = certificate.NotBefore.ToUniversalTime();
        var to = certificate.NotAfter.ToUniversalTime();
        var now = DateTime.UtcNow;
        var state = now < from ? " (not yet valid)" : now > to ? " (expired)" : string.Empty;
        return $"{from.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} to {to.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}{state}";
    }

    /// <summary>Colon-separated upper-case hex, the form `openssl x509 -fingerprint -sha256` prints.</summary>
    private static string Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));

    private static string TlsName(System.Security.Authentication.SslProtocols protocol) => protocol switch
    {
        System.Security.Authentication.SslProtocols.Tls12 => "TLS 1.2",
        System.Security.Authentication.SslProtocols.Tls13 => "TLS 1.3",
        var other => other.ToString(),
    };
}
