using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using EStreamer.Client;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>
/// The tests' client is the project's client library, set up as eNcore connects (TLS 1.2, a leaf client
/// certificate, no SNI, the server not checked) but acknowledging only when a test sends its Null, so a
/// test can hold the server's bundle window shut.
/// </summary>
public static class TestClient
{
    public static readonly TimeSpan DefaultTimeout = EStreamerClientOptions.DefaultTimeout;

    public static Task<EStreamerClient> ConnectAsync(int port, X509Certificate2? certificate, IPAddress? local = null, SslProtocols protocols = SslProtocols.Tls12) =>
        EStreamerClient.ConnectAsync(new EStreamerClientOptions
        {
            Host = IPAddress.Loopback.ToString(),
            Port = port,
            ClientCertificate = certificate,
            LocalAddress = local,
            TlsProtocols = protocols,
            AcknowledgeEveryMessage = false,
        });

    /// <summary>
    /// True when the server ends the connection (close or reset) within the timeout without sending anything
    /// more; otherwise the message it sent instead.
    /// </summary>
    public static async Task<(bool Closed, IMessage? Unexpected)> WaitForCloseAsync(this EStreamerClient client, TimeSpan? timeout = null)
    {
        try
        {
            var message = await client.ReceiveAsync(timeout);
            return message is null ? (true, null) : (false, message);
        }
        catch (EStreamerClientException failure) when (failure.Failure is EStreamerClientFailure.ConnectionReset or EStreamerClientFailure.TruncatedMessage)
        {
            return (true, null);
        }
    }

    /// <summary>One whole message as its bytes; null when the server closed the connection.</summary>
    public static async Task<byte[]?> ReceiveBytesAsync(this EStreamerClient client, TimeSpan? timeout = null) =>
        (await client.ReceiveFrameAsync(timeout))?.Bytes;

    public static Task SendRawAsync(this EStreamerClient client, byte[] bytes) => client.SendRawAsync(bytes.AsMemory());
}
