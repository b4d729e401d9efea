using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using EStreamer.Protocol.Messages;

namespace EStreamer.Client;

/// <summary>
/// Where and how an <see cref="EStreamerClient"/> connects. The defaults connect as eNcore does
/// (reference 1.2, 12.1): TLS 1.2, the leaf certificate only, no SNI, the server certificate not checked,
/// a Null after every message received.
/// </summary>
public sealed class EStreamerClientOptions
{
    /// <summary>The port eStreamer servers listen on (reference 1.1).</summary>
    public const int DefaultPort = 8302;

    /// <summary>eNcore's connect and response timeout (reference 12.1, 12.3).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Host name or IP address of the server.</summary>
    public required string Host { get; init; }

    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// The client's certificate with its private key, as issued by the server's CA (reference 1.3). Null
    /// presents none, which a server refuses: useful only to test that it does.
    /// </summary>
    public required X509Certificate2? ClientCertificate { get; init; }

    /// <summary>
    /// Certificate authorities the server's certificate must chain to; empty (the default) accepts any
    /// server certificate, as eNcore does. The CA in the client's PKCS#12 is the one the guide advises.
    /// </summary>
    public IReadOnlyList<X509Certificate2> ServerAuthorities { get; init; } = [];

    /// <summary>TLS versions offered. Real servers speak TLS 1.2; None lets the operating system choose.</summary>
    public SslProtocols TlsProtocols { get; init; } = SslProtocols.Tls12;

    /// <summary>Server name sent in SNI; empty sends none, as eNcore does.</summary>
    public string TargetHost { get; init; } = string.Empty;

    /// <summary>Local address to connect from (the server compares it with the certificate, reference 1.4); null lets the system choose.</summary>
    public IPAddress? LocalAddress { get; init; }

    /// <summary>Bound on name resolution plus the TCP connect.</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultTimeout;

    /// <summary>Bound on the TLS handshake.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = DefaultTimeout;

    /// <summary>Bound on each read of one message, unless a read names its own.</summary>
    public TimeSpan ReadTimeout { get; init; } = DefaultTimeout;

    /// <summary>Largest message length field accepted; a larger one means the stream is out of step.</summary>
    public uint MaxMessageLength { get; init; } = MessageCodec.DefaultMaxMessageLength;

    /// <summary>
    /// Acknowledge as eNcore does: one Null for every message received, sent when the next message is
    /// asked for (so a 2049 goes out before the Null for the 2051). False leaves every Null to
    /// <see cref="EStreamerClient.AcknowledgeAsync"/>, so a test can hold the server's window.
    /// </summary>
    public bool AcknowledgeEveryMessage { get; init; } = true;
}
