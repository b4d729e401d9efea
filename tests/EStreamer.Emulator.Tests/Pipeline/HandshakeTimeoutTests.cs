using System.Net;
using System.Net.Sockets;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EStreamer.Emulator.Tests.Pipeline;

/// <summary>The handshake timeout over a real socket, on the emulator's fake clock.</summary>
public sealed class HandshakeTimeoutTests
{
    [Test]
    public async Task Connection_that_never_starts_tls_is_dropped_when_the_clock_passes_the_timeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await RunningEmulator.StartAsync(options =>
        {
            options.HandshakeTimeout = TimeSpan.FromSeconds(10);
            options.Time = clock;
        });
        emulator.ExpectError("timed out after");
        using var tcp = new TcpClient(AddressFamily.InterNetwork);
        await tcp.ConnectAsync(IPAddress.Loopback, emulator.Port).WaitAsync(TestClient.DefaultTimeout);
        var session = await emulator.WaitForSessionAsync(s => s.State == SessionState.Verifying);

        // The timer starts when the channel turns active, just after the session appears: the clock is
        // moved again until the server reports the close, never further than a few timeouts.
        SessionInfo? closed = null;
        for (var attempt = 0; attempt < 5 && closed is null; attempt++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            try
            {
                closed = await emulator.WaitForSessionAsync(s => s.Id == session.Id && s.State == SessionState.Closed, TimeSpan.FromSeconds(2));
            }
            catch (TimeoutException)
            {
            }
        }

        Assert.That(closed?.CloseReason, Is.EqualTo("TLS handshake timed out"));
        var buffer = new byte[1];
        Assert.That(await tcp.GetStream().ReadAsync(buffer).AsTask().WaitAsync(TestClient.DefaultTimeout), Is.Zero, "the client sees the close");
    }
}
