using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Tests.Tls;

/// <summary>
/// Which TLS versions the server speaks, over a real socket: TLS 1.2 always, TLS 1.3 only when switched on
/// (docs/security.md, "TLS"), and every client that fails the handshake is counted and told apart in the log.
/// </summary>
public sealed class TlsVersionTests
{
    /// <summary>A ClientHello offering TLS 1.1 only: legacy version 0x0302, zero random, one cipher suite, no extensions.</summary>
    private static readonly byte[] Tls11ClientHello = Convert.FromHexString(
        "160301002D" + "01000029" + "0302" + new string('0', 64) + "00" + "0002002F" + "0100");

    [Test]
    public async Task Tls_13_is_off_by_default_and_a_tls_13_only_client_is_told_why()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.ExpectError("TLS handshake with");
        var refusals = new RefusalRecorder();
        emulator.Server.Sessions.AddObserver(refusals);

        Assert.That(async () => await emulator.ConnectAsync(protocols: SslProtocols.Tls13), Throws.InstanceOf<Exception>());

        Assert.That(await refusals.NextAsync(), Is.EqualTo("handshake-failed"));
        await emulator.Logs.WaitForLineAsync(TestClient.DefaultTimeout, "TLS 1.3 is not accepted; the server speaks TLS 1.2 (TLS 1.3 is off: --tls13 on)");
    }

    [Test]
    public async Task Tls_13_clients_are_accepted_when_switched_on_and_tls_12_clients_still_get_tls_12()
    {
        await using var emulator = await RunningEmulator.StartAsync(options => options.TlsProtocols = SslProtocols.Tls12 | SslProtocols.Tls13);
        await using (var modern = await emulator.ConnectAsync(protocols: SslProtocols.Tls13))
        {
            await modern.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));
            Assert.That(await modern.ReceiveAsync(), Is.InstanceOf<StreamingInformationMessage>());
            Assert.That(modern.Protocol, Is.EqualTo(SslProtocols.Tls13));
        }

        await using var encoreLike = await emulator.ConnectAsync(protocols: SslProtocols.Tls12);
        Assert.That(encoreLike.Protocol, Is.EqualTo(SslProtocols.Tls12));
    }

    [Test]
    public async Task Tls_11_client_is_refused_with_the_versions_named_and_counted()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.ExpectError("TLS handshake with");
        var refusals = new RefusalRecorder();
        emulator.Server.Sessions.AddObserver(refusals);

        // The server answers with a protocol_version alert (level 2, description 70); the client then hangs up.
        var answer = await SendRawAndHangUpAsync(emulator.Port, Tls11ClientHello);
        Assert.That(Convert.ToHexString(answer), Does.StartWith("15").And.EndWith("0246"));

        Assert.That(await refusals.NextAsync(), Is.EqualTo("handshake-failed"));
        await emulator.Logs.WaitForLineAsync(TestClient.DefaultTimeout, "estreamer error: TLS handshake with", "TLS 1.1 is not accepted; the server speaks TLS 1.2");
    }

    [Test]
    public async Task Random_bytes_instead_of_a_client_hello_are_a_failed_handshake_not_a_silent_close()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.ExpectError("TLS handshake with");
        var refusals = new RefusalRecorder();
        emulator.Server.Sessions.AddObserver(refusals);

        var noise = new byte[512];
        new Random(2049).NextBytes(noise);
        noise[0] = 0x47;
        Assert.That(await SendRawAndHangUpAsync(emulator.Port, noise), Is.Empty, "closed without a reply");

        Assert.That(await refusals.NextAsync(), Is.EqualTo("handshake-failed"));
        var line = await emulator.Logs.WaitForLineAsync(TestClient.DefaultTimeout, "TLS handshake with", "not a TLS ClientHello (first bytes 47");
        Assert.That(line, Does.Not.Contain("closed before the TLS handshake"));
    }

    /// <summary>Sends the bytes, reads the server's first answer (empty when it closes) and closes.</summary>
    private static async Task<byte[]> SendRawAndHangUpAsync(int port, byte[] bytes)
    {
        using var tcp = new TcpClient(AddressFamily.InterNetwork);
        await tcp.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TestClient.DefaultTimeout);
        await tcp.GetStream().WriteAsync(bytes);
        var answer = new byte[256];
        using var timeout = new CancellationTokenSource(TestClient.DefaultTimeout);
        var read = await tcp.GetStream().ReadAsync(answer, timeout.Token);
        return answer[..read];
    }
}
