using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using EStreamer.Protocol.Messages;

namespace FixtureSample;

/// <summary>
/// Stands for the eStreamer client a real suite tests: TLS 1.2 with the fixture's client certificate, each
/// message read by its 8-byte header (type, length) and decoded with the EStreamer.Protocol package.
/// </summary>
public sealed class SampleClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TcpClient _tcp;
    private readonly SslStream _tls;

    private SampleClient(TcpClient tcp, SslStream tls)
    {
        _tcp = tcp;
        _tls = tls;
    }

    public static async Task<SampleClient> ConnectAsync(string host, int port, X509Certificate2 certificate)
    {
        var tcp = new TcpClient(AddressFamily.InterNetwork);
        try
        {
            await tcp.ConnectAsync(host, port).WaitAsync(Timeout);

            // The server certificate comes from the emulator's own CA; a stricter client would check it
            // against the fixture's CaCertificatePath.
            var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = host,
                EnabledSslProtocols = SslProtocols.Tls12,
                ClientCertificates = [certificate],
            }).WaitAsync(Timeout);
            return new SampleClient(tcp, tls);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    public async Task SendAsync(IMessage message)
    {
        await _tls.WriteAsync(MessageCodec.Encode(message)).AsTask().WaitAsync(Timeout);
        await _tls.FlushAsync().WaitAsync(Timeout);
    }

    public async Task<IMessage> ReceiveAsync()
    {
        var header = new byte[MessageHeader.Size];
        await _tls.ReadExactlyAsync(header).AsTask().WaitAsync(Timeout);
        var message = new byte[MessageHeader.Size + BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4))];
        header.CopyTo(message, 0);
        await _tls.ReadExactlyAsync(message.AsMemory(MessageHeader.Size)).AsTask().WaitAsync(Timeout);
        return MessageCodec.Read(message);
    }

    public async ValueTask DisposeAsync()
    {
        await _tls.DisposeAsync();
        _tcp.Dispose();
    }
}
