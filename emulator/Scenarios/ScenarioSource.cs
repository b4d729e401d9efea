using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Server;
using EStreamer.Protocol.Negotiation;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;

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

    /// <summary>A scenario's faults as the emulator runs them: the one place the scenario model maps to <see cref="Fault"/>.</summary>
    public static FaultSchedule Faults(ScenarioPlan plan) => new(plan.Scenario.Faults.Select(ToFault).ToArray(), plan.Start);

    public static Fault ToFault(FaultSpec spec) => new()
    {
        Kind = spec.Kind switch
        {
            EStreamer.Scenarios.Model.FaultKind.GracefulDisconnect => Emulator.Faults.FaultKind.GracefulDisconnect,
            EStreamer.Scenarios.Model.FaultKind.TcpReset => Emulator.Faults.FaultKind.TcpReset,
            EStreamer.Scenarios.Model.FaultKind.Stall => Emulator.Faults.FaultKind.Stall,
            EStreamer.Scenarios.Model.FaultKind.KeepaliveGap => Emulator.Faults.FaultKind.KeepaliveGap,
            EStreamer.Scenarios.Model.FaultKind.ErrorMessage => Emulator.Faults.FaultKind.ErrorMessage,
            EStreamer.Scenarios.Model.FaultKind.WrongHeaderVersion => Emulator.Faults.FaultKind.WrongHeaderVersion,
            EStreamer.Scenarios.Model.FaultKind.UnknownRecordType => Emulator.Faults.FaultKind.UnknownRecordType,
            EStreamer.Scenarios.Model.FaultKind.TruncatedMessage => Emulator.Faults.FaultKind.TruncatedMessage,
            EStreamer.Scenarios.Model.FaultKind.SlowDrip => Emulator.Faults.FaultKind.SlowDrip,
            EStreamer.Scenarios.Model.FaultKind.RefuseConnections => Emulator.Faults.FaultKind.RefuseConnections,
            EStreamer.Scenarios.Model.FaultKind.DisableService => Emulator.Faults.FaultKind.DisableService,
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "a fault kind the emulator does not run"),
        },
        At = spec.At,
        AfterMessages = spec.AfterMessages,
        Connection = spec.Connection,
        Duration = spec.Duration,
        Code = spec.Code,
        Text = spec.Text,
        BytesPerSecond = spec.BytesPerSecond,
        Count = spec.Count,
        RecordType = spec.RecordType,
    };

    /// <summary>The families a scenario's setting names, for logs.</summary>
    public static string Describe(IReadOnlyList<EventFamily>? families) =>
        families is null ? "all" : string.Join(", ", families);
}
