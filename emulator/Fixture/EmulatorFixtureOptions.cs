using EStreamer.Emulator.Control;
using EStreamer.Emulator.Server;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Fixture;

/// <summary>
/// How <see cref="EmulatorFixture"/> starts the emulator. The address (127.0.0.1), ports (0: free ones) and
/// data folder (a new temporary one) are the fixture's; everything else in <see cref="EmulatorOptions"/> is
/// yours through <see cref="Configure"/>. Built-in traffic is off (rate 0, no history): tests fill the journal.
/// </summary>
public sealed class EmulatorFixtureOptions
{
    /// <summary>Changes to the emulator's options: keep-alive interval, bundle size, disabled families, profile...</summary>
    public Action<EmulatorOptions>? Configure { get; set; }

    /// <summary>Run the HTTP control API as well (on a free port, <see cref="EmulatorFixture.ControlPort"/>).</summary>
    public bool ControlApi { get; set; } = true;

    /// <summary>Bearer token the HTTP control API requires; null for none.</summary>
    public string? ControlToken { get; set; }

    /// <summary>Entries the session journal keeps.</summary>
    public int JournalEntries { get; set; } = SessionJournal.DefaultCapacity;

    /// <summary>The registered client: certificate CN and the address it must connect from.</summary>
    public string PeerHost { get; set; } = "127.0.0.1";

    /// <summary>Password of the client PKCS#12; a random one when null.</summary>
    public string? ClientPassword { get; set; }

    /// <summary>Where the emulator logs; nowhere when null.</summary>
    public ILoggerFactory? Loggers { get; set; }

    /// <summary>Leave the data folder (reports, PKCS#12) on disk after disposal, to look at a failed run.</summary>
    public bool KeepDataDirectory { get; set; }

    /// <summary>
    /// A scenario to play from the start (load one with <c>ScenarioLoader.LoadFile</c> or <c>LoadExample</c>):
    /// its history is in the journal before the first client connects, its settings and faults apply.
    /// </summary>
    public EStreamer.Scenarios.Scenario? Scenario { get; set; }
}
