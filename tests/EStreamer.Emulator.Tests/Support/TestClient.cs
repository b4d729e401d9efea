using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>
/// An eStreamer client built on the protocol library alone: real TCP, real TLS 1.2 with a leaf-only
/// client certificate and no SNI check of the server, as eNcore connects (reference 12.1).
/// </summary>
public sealed class TestClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpClient _tcp;
    private readonly SslStream _tls;

    private TestClient(TcpClient tcp, SslStream tls)
    {
        _tcp = tcp;
        _tls = tls;
    }

    public SslProtocols Protocol => _tls.SslProtocol;

    public X509Certificate? ServerCertificate => _tls.RemoteCertificate;

    public static async Task<TestClient> ConnectAsync(
        int port,
        X509Certificate2? certificate,
        IPAddress? local = null,
        SslProtocols protocols = SslProtocols.Tls12)
    {
        var tcp = local is null ? new TcpClient(AddressFamily.InterNetwork) : new TcpClient(new IPEndPoint(local, 0));
        await tcp.ConnectAsync(IPAddress.Loopback, port).WaitAsync(DefaultTimeout);
        var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = string.Empty,
            EnabledSslProtocols = protocols,
            ClientCertificates = certificate is null ? null : [certificate],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
        };
        await tls.AuthenticateAsClientAsync(options).WaitAsync(DefaultTimeout);
        return new TestClient(tcp, tls);
    }

    public async Task SendAsync(IMessage message)
    {
        await _tls.WriteAsync(MessageCodec.Encode(message)).AsTask().WaitAsync(DefaultTimeout);
        await _tls.FlushAsync().WaitAsync(DefaultTimeout);
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        await _tls.WriteAsync(bytes).AsTask().WaitAsync(DefaultTimeout);
        await _tls.FlushAsync().WaitAsync(DefaultTimeout);
    }

    /// <summary>Reads one whole message; null when the server closed the connection.</summary>
    public async Task<IMessage?> ReceiveAsync(TimeSpan? timeout = null)
    {
        var bytes = await ReceiveBytesAsync(timeout);
        return bytes is null ? null : MessageCodec.Read(bytes);
    }

    public async Task<byte[]?> ReceiveBytesAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var header = new byte[MessageHeader.Size];
        if (!await ReadExactlyOrEndAsync(header, limit))
        {
            return null;
        }

        var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
        var message = new byte[MessageHeader.Size + length];
        header.CopyTo(message, 0);
        if (!await ReadExactlyOrEndAsync(message.AsMemory(MessageHeader.Size), limit))
        {
            throw new EndOfStreamException("connection closed inside a message");
        }

        return message;
    }

    /// <summary>Reads until a message of type <typeparamref name="T"/>, skipping keep-alive Nulls.</summary>
    public async Task<T> ReceiveAsync<T>(TimeSpan? timeout = null)
        where T : class, IMessage
    {
        while (true)
        {
            var message = await ReceiveAsync(timeout) ?? throw new EndOfStreamException($"connection closed while waiting for {typeof(T).Name}");
            if (message is T wanted)
            {
                return wanted;
            }

            if (message is not NullMessage)
            {
                throw new InvalidOperationException($"expected {typeof(T).Name}, got {message.GetType().Name}");
            }
        }
    }

    /// <summary>True when the server ends the connection (EOF or reset) within the timeout without sending anything more.</summary>
    public async Task<(bool Closed, IMessage? Unexpected)> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        try
        {
            var message = await ReceiveAsync(timeout);
            return message is null ? (true, null) : (false, message);
        }
        catch (IOException)
        {
            return (true, null);
        }
    }

    /// <summary>One read from the TLS stream: at most one TLS record's worth of plaintext.</summary>
    public async Task<int> ReadOnceAsync(Memory<byte> buffer, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        return await _tls.ReadAsync(buffer, cancel.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _tls.DisposeAsync();
        _tcp.Dispose();
    }

    private async Task<bool> ReadExactlyOrEndAsync(Memory<byte> buffer, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _tls.ReadAsync(buffer[read..], cancel.Token);
            if (n == 0)
            {
                if (read == 0)
                {
                    return false;
                }

                throw new EndOfStreamException("connection closed inside a message");
            }

            read += n;
        }

        return true;
    }
}
