using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>
/// Tools poll a session by id until it closes (`GET /sessions/{id}`, the conformance report, the fixture's
/// waits). The session must be findable at every moment of its close: live, then closed, never neither.
/// </summary>
public sealed class SessionLookupTests
{
    private const int Sessions = 40;

    [Test]
    public async Task A_closing_session_is_found_by_id_at_every_moment()
    {
        await using var emulator = await RunningEmulator.StartAsync(
            fill: journal => journal.Append(1_800_000_000, new IntrusionEventRecord { EventId = 1 }, []));
        var registry = emulator.Server.Sessions;
        long lookups = 0;
        var misses = new SortedSet<uint>();

        for (var i = 0; i < Sessions; i++)
        {
            var client = await emulator.ConnectAsync();
            await Requests.OpenExtendedAsync(client, 0, [new EventTypeEntry(11, 12)]);
            await client.ReceiveAsync<MessageBundle>();
            var id = registry.Live.Single(s => s.State == SessionState.Streaming).Id;

            // Look the session up in a tight loop on another thread while the client hangs up, until it is listed as
            // closed. Only that thread writes the counters; they are read after it has finished.
            var deadline = DateTime.UtcNow + TestClient.DefaultTimeout;
            var poll = Task.Run(() =>
            {
                for (var n = 0L; ; n++)
                {
                    lookups++;
                    if (registry.Find(id) is null)
                    {
                        misses.Add(id);
                    }

                    if (n % 64 == 0)
                    {
                        if (registry.Closed.Any(s => s.Id == id) || DateTime.UtcNow > deadline)
                        {
                            return registry.Closed.Any(s => s.Id == id);
                        }

                        // On a machine of two cores this loop must not starve the event loop doing the close.
                        Thread.Yield();
                    }
                }
            });

            await client.DisposeAsync();
            Assert.That(await poll, Is.True, $"session {id} never listed as closed");
        }

        TestContext.Out.WriteLine($"{lookups} lookups across {Sessions} closes");
        Assert.That(misses, Is.Empty, "ids a lookup found neither live nor closed");
    }
}
