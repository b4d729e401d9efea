using EStreamer.Emulator.Scenarios;
using EStreamer.Emulator.Server;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>The built-in traffic (quickstart) as history only: <c>events</c> events over the past hour, nothing live.</summary>
internal static class BuiltInHistory
{
    public static Scenario Of(int seed, int events) =>
        TrafficHost.BuiltIn(new EmulatorOptions { Seed = seed, HistoryEvents = events, EventsPerSecond = 0 });

    /// <summary>Starts an emulator holding that history, compiled for now.</summary>
    public static Task<RunningEmulator> StartAsync(int seed, int events, Action<EmulatorOptions>? configure = null) =>
        RunningEmulator.StartAsync(Of(seed, events), DateTimeOffset.UtcNow, configure);
}
