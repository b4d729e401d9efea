using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>
/// A client that stops reading must not make the server buffer without bound: the session pauses once
/// the channel's high-water mark is reached and resumes when the client reads again.
/// </summary>
public sealed class SlowClientTests
{
    [Test]
    public async Task Client_that_stops_reading_pauses_its_session_with_bounded_server_memory()
    {
        const int highWaterMark = 256 * 1024;
        await using var emulator = await BuiltInHistory.StartAsync(
            seed: 3,
            events: 40_000,
            options =>
            {
                options.WriteBufferHighWaterMark = highWaterMark;
                options.WriteBufferLowWaterMark = 64 * 1024;

                // Take the bundle window out of the way: only back-pressure may stop this session.
                options.MaxUnacknowledgedBundles = int.MaxValue;
            });
        var held = emulator.Journal.Count;

        var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, Requests.Encore52Entries);

        // Wait until the server reports the session paused for back-pressure.
        var stalled = await WaitUntilStalledAsync(emulator);
        TestContext.Out.WriteLine($"paused after {stalled.EventsSent} of {held} events with {stalled.QueuedBytes} bytes queued in the server (high-water mark {highWaterMark})");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stalled.EventsSent, Is.LessThan(held), "the server paused instead of sending everything");
            Assert.That(stalled.QueuedBytes, Is.LessThanOrEqualTo(highWaterMark + MaxBatchBytes), "queued bytes stay within the high-water mark plus one batch");
        }

        // Reading again resumes the stream.
        var received = 0;
        while (received < 200)
        {
            await client.ReceiveAsync<MessageBundle>();
            received++;
        }

        var resumed = await emulator.WaitForSessionAsync(s => s.Id == stalled.Id && s.EventsSent > stalled.EventsSent);
        Assert.That(resumed.EventsSent, Is.GreaterThan(stalled.EventsSent));

        // Hanging up with bytes still queued is the client's choice: the session ends as closed by the client,
        // and the server logs no error (the fixture fails the test on any "estreamer error" line).
        await client.DisposeAsync();
        var closed = await emulator.WaitForSessionAsync(s => s.Id == stalled.Id && s.State == SessionState.Closed);
        Assert.That(closed.CloseReason, Does.StartWith("client closed"));
    }

    /// <summary>One bundle may go out after the last check: 100 events of under 1 KiB plus their first-time metadata.</summary>
    private const int MaxBatchBytes = 256 * 1024;

    /// <summary>The server reports the session paused by back-pressure (its pump waits for the socket to take bytes).</summary>
    private static Task<SessionInfo> WaitUntilStalledAsync(RunningEmulator emulator) =>
        emulator.WaitForSessionAsync(s => s.State == SessionState.Streaming && s.Paused, TimeSpan.FromSeconds(30));
}
