using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Server;
using EStreamer.Protocol.Negotiation;
using EStreamer.Scenarios;

namespace EStreamer.Emulator.Scenarios;

/// <summary>
/// Turns a scenario into what the server runs: its pinned settings applied to the options, its plan
/// compiled for a start time, and its faults as a schedule. Loading fails as a whole (every error with
/// file, line and column) before anything starts.
/// </summary>
public static class ScenarioSource
{
    /// <summary>A scenario file, or the name of a shipped example (quickstart, sid-remap, ...).</summary>
    public static Scenario Load(string fileOrExample)
    {
        if (!File.Exists(fileOrExample) && ScenarioLoader.ExampleNames.Contains(fileOrExample))
        {
            return ScenarioLoader.LoadExample(fileOrExample);
        }

        return ScenarioLoader.LoadFile(fileOrExample);
    }

    /// <summary>Applies the settings a scenario pins (families, keep-alive, bundle size) over the options.</summary>
    public static void Apply(ServerSettings settings, EmulatorOptions options)
    {
        if (settings.EnabledFamilies is { } enabled)
        {
            options.DisabledFamilies.Clear();
            foreach (var family in EmulatorOptions.ServerFamilies.Except(enabled))
            {
                options.DisabledFamilies.Add(family);
            }
        }

        if (settings.KeepaliveInterval is { } keepalive)
        {
            options.KeepaliveInterval = keepalive;
        }

        if (settings.BundleMaxEvents is { } bundle)
        {
            options.BundleMaxEvents = bundle;
        }
    }

    public static FaultSchedule Faults(ScenarioPlan plan) => new(plan.Scenario.Faults, plan.Start);

    /// <summary>The families a scenario's setting names, for logs.</summary>
    public static string Describe(IReadOnlyList<EventFamily>? families) =>
        families is null ? "all" : string.Join(", ", families);
}
