using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using EStreamer.Protocol.Messages;

namespace EStreamer.Hostile;

/// <summary>What the server did after a hostile input, in the terms of the disconnect rules.</summary>
internal enum Outcome
{
    /// <summary>An Error message, then the connection closed: the rule for a malformed message.</summary>
    ErrorThenClose,

    /// <summary>An Error, and the connection stayed open.</summary>
    ErrorNoClose,

    /// <summary>Closed (or reset) without a message.</summary>
    SilentClose,

    /// <summary>The session answered with something other than an Error.</summary>
    Continued,

    /// <summary>Nothing within the wait, connection open.</summary>
    Quiet,
}

/// <summary>Raw connections to the eStreamer port: plain TCP, or TLS 1.2 with any certificate, and a bounded reader of whole messages.</summary>
internal sealed class Wire(int port)
{
    public static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    public async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).ConfigureAwait(false);
        return socket;
    }

    /// <summary>A TLS 1.2 stream presenting <paramref name="certificate"/> (or none); the server's certificate is not checked.</summary>
    public async Task<SslStream> TlsAsync(X509Certificate2? certificate, CancellationToken cancellation)
    {
        var socket = await ConnectAsync().ConfigureAwait(false);
        var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
        try
        {
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = string.Empty,
                    EnabledSslProtocols = SslProtocols.Tls12,
                    ClientCertificates = certificate is null ? null : [certificate],
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
                },
                cancellation).ConfigureAwait(false);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static byte[] Frame(MessageType type, uint length, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, 1);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)type);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), length);
        payload.CopyTo(bytes.AsSpan(8));
        return bytes;
    }

    /// <summary>Reads what the server does next: a first message (and, after an Error, whether it closes), a close, or silence.</summary>
    public static async Task<Outcome> OutcomeAsync(Stream stream, TimeSpan quiet)
    {
        var first = await ReadMessageTypeAsync(stream, quiet).ConfigureAwait(false);
        if (first is null)
        {
            return Outcome.SilentClose;
        }

        if (first == TimedOut)
        {
            return Outcome.Quiet;
        }

        if (first != (int)MessageType.Error)
        {
            return Outcome.Continued;
        }

        // After an Error the server must close; anything but the end within the wait breaks the rule.
        var next = await ReadMessageTypeAsync(stream, CloseWait).ConfigureAwait(false);
        return next is null ? Outcome.ErrorThenClose : Outcome.ErrorNoClose;
    }

    private const int TimedOut = -1;

    // The type of the next whole message, null at the end of the stream (or a reset), TimedOut on silence.
    private static async Task<int?> ReadMessageTypeAsync(Stream stream, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        var header = new byte[8];
        try
        {
            if (!await FillAsync(stream, header, timeout.Token).ConfigureAwait(false))
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            var payload = new byte[Math.Min(length, 16u * 1024 * 1024)];
            return await FillAsync(stream, payload, timeout.Token).ConfigureAwait(false)
                ? BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2))
                : null;
        }
        catch (OperationCanceledException)
        {
            return TimedOut;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task<bool> FillAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellation)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[filled..], cancellation).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            filled += read;
        }

        return true;
    }
}
