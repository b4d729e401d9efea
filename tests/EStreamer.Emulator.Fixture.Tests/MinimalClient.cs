using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Fixture.Tests;

/// <summary>
/// The smallest eStreamer client that works, standing in for the client under test in a real suite: TLS 1.2
/// with the fixture's PKCS#12, messages framed by their 8-byte header (reference 2.1).
/// </summary>
public sealed class MinimalClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly SslStream _tls;

    private MinimalClient(TcpClient tcp, SslStream tls)
    {
        _tcp = tcp;
        _tls = tls;
    }

    public static async Task<MinimalClient> ConnectAsync(string host, int port, X509Certificate2 certificate)
    {
        var tcp = new TcpClient(AddressFamily.InterNetwork);
        await tcp.ConnectAsync(host, port).WaitAsync(EmulatorFixture.DefaultTimeout);

        // The emulator's server certificate comes from its own CA (CaCertificatePath); this client does not check it.
        var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = SslProtocols.Tls12,
            ClientCertificates = [certificate],
        }).WaitAsync(EmulatorFixture.DefaultTimeout);
        return new MinimalClient(tcp, tls);
    }

    public async Task SendAsync(IMessage message)
    {
        await _tls.WriteAsync(MessageCodec.Encode(message)).AsTask().WaitAsync(EmulatorFixture.DefaultTimeout);
        await _tls.FlushAsync().WaitAsync(EmulatorFixture.DefaultTimeout);
    }

    public async Task<IMessage> ReceiveAsync()
    {
        var header = new byte[MessageHeader.Size];
        await _tls.ReadExactlyAsync(header).AsTask().WaitAsync(EmulatorFixture.DefaultTimeout);
        var message = new byte[MessageHeader.Size + BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4))];
        header.CopyTo(message, 0);
        await _tls.ReadExactlyAsync(message.AsMemory(MessageHeader.Size)).AsTask().WaitAsync(EmulatorFixture.DefaultTimeout);
        return MessageCodec.Read(message);
    }

    public async ValueTask DisposeAsync()
    {
        await _tls.DisposeAsync();
        _tcp.Dispose();
    }
}
