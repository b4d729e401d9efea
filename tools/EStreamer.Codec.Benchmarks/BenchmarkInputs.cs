using EStreamer.Emulator.Events;
using EStreamer.Emulator.Scenarios;
using EStreamer.Emulator.Sessions;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;

namespace EStreamer.Codec.Benchmarks;

/// <summary>What the benchmarks feed the session code: the built-in traffic's history and eNcore's negotiations.</summary>
internal static class BenchmarkInputs
{
    /// <summary>A journal holding <paramref name="events"/> events of the built-in traffic (the quickstart scenario, seed 8302).</summary>
    public static EventJournal History(int events)
    {
        var journal = new EventJournal(events);
        var scenario = ScenarioLoader.LoadExample("quickstart").WithSeed(8302).WithTraffic(0, events);
        var player = new ScenarioPlayer(scenario.Compile(DateTimeOffset.UtcNow), journal);
        player.Start();
        player.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return journal;
    }

    /// <summary>The negotiation a session makes for eNcore's request with the given entries (5.2's or 3.8's).</summary>
    public static StreamNegotiation Encore(IEnumerable<EventTypeEntry> entries)
    {
        var requested = RequestedVersions.FromFlags(RequestFlags.EncoreDefault);
        requested.AddEntries(entries);
        return StreamNegotiation.Negotiate(requested, ClientProfile.Auto, sentStreamingRequest: true, _ => true);
    }

    /// <summary>Shared payloads as <paramref name="sessions"/> sessions reading one source see them.</summary>
    public static SharedEncodings Readers(int sessions)
    {
        var shared = new SharedEncodings();
        for (var i = 0; i < sessions; i++)
        {
            shared.Join();
        }

        return shared;
    }
}
