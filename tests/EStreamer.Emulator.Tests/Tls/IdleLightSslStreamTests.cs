using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Emulator.Tls;

namespace EStreamer.Emulator.Tests.Tls;

/// <summary>
/// The server's SslStream waits for bytes with a zero-byte read, so an idle connection holds no read buffer;
/// these tests check that no byte is lost or held back on the way, over a real TLS connection on 127.0.0.1.
/// </summary>
public sealed class IdleLightSslStreamTests
{
    [Test]
    public async Task A_zero_byte_read_completes_when_bytes_arrive_and_takes_none_of_them()
    {
        var (near, far) = await SocketPairAsync();
        using (near)
        using (far)
        {
            var signal = new ReadSignalStream(near);
            var wait = signal.ReadAsync(Memory<byte>.Empty).AsTask();
            Assert.That(wait.IsCompleted, Is.False, "no byte has been sent yet");

            await far.WriteAsync("abc"u8.ToArray());
            Assert.That(await wait, Is.Zero);

            // The byte the wait took comes first, then the rest from the transport.
            var buffer = new byte[8];
            var first = await signal.ReadAsync(buffer);
            var rest = await signal.ReadAsync(buffer.AsMemory(first));
            Assert.That(buffer.AsSpan(0, first + rest).ToArray(), Is.EqualTo("abc"u8.ToArray()));
        }
    }

    [Test]
    public async Task A_zero_byte_read_at_the_end_of_the_stream_returns_and_the_next_read_says_end()
    {
        var (near, far) = await SocketPairAsync();
        using (near)
        {
            var signal = new ReadSignalStream(near);
            far.Dispose();
            Assert.That(await signal.ReadAsync(Memory<byte>.Empty), Is.Zero);
            Assert.That(await signal.ReadAsync(new byte[4]), Is.Zero);
        }
    }

    [Test]
    public async Task Every_byte_of_every_TLS_record_reaches_reads_of_any_size()
    {
        var directory = TestFolders.NewPath("idle-light-");
        using var data = TestDataFolder.CreateCopy(directory);
        try
        {
            await RoundTripAsync(data.ServerCertificate);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task RoundTripAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var (near, far) = await SocketPairAsync();
        await using var server = IdleLightSslStream.Over(near, (_, _, _, _) => true);
        await using var client = new SslStream(far, leaveInnerStreamOpen: false, (_, _, _, _) => true);
        await Task.WhenAll(
            server.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate, EnabledSslProtocols = SslProtocols.Tls12 }),
            client.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", EnabledSslProtocols = SslProtocols.Tls12 }));

        // One 5,000-byte write and one 40,000-byte write (three TLS records), read back in 7-byte and 1,000-byte
        // pieces: a piece the last record still holds must come without new bytes from the client.
        var sent = Enumerable.Range(0, 45_000).Select(i => (byte)(i * 31)).ToArray();
        await client.WriteAsync(sent.AsMemory(0, 5_000));
        await client.WriteAsync(sent.AsMemory(5_000));
        var received = new byte[sent.Length];
        var at = 0;
        while (at < received.Length)
        {
            var piece = at < 5_000 ? 7 : 1_000;
            var read = await server.ReadAsync(received.AsMemory(at, Math.Min(piece, received.Length - at)));
            Assert.That(read, Is.Positive, $"the stream ended after {at} bytes");
            at += read;
        }

        Assert.That(received, Is.EqualTo(sent));

        // And the other way: the server's writes reach the client unchanged.
        await server.WriteAsync("reply"u8.ToArray());
        var reply = new byte[5];
        await client.ReadExactlyAsync(reply);
        Assert.That(reply, Is.EqualTo("reply"u8.ToArray()));
    }

    private static async Task<(NetworkStream Near, NetworkStream Far)> SocketPairAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var far = new TcpClient();
        await far.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var near = await listener.AcceptSocketAsync();
        return (new NetworkStream(near, ownsSocket: true), far.GetStream());
    }
}
