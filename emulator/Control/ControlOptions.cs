using System.Net;

namespace EStreamer.Emulator.Control;

/// <summary>
/// The control API's settings (`serve --control-port/--control-bind/--control-token/--journal-entries`,
/// or ESTREAMER_CONTROL_PORT, ESTREAMER_CONTROL_BIND, ESTREAMER_CONTROL_TOKEN, ESTREAMER_JOURNAL_ENTRIES).
/// </summary>
public sealed class ControlOptions
{
    public const int DefaultPort = 8303;

    /// <summary>HTTP port; 0 binds a free one (tests). `serve --control-port 0` means no control API at all.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Loopback by default: the API can reset the emulator and switch its service off.</summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

    /// <summary>When set, every endpoint but /healthz needs "Authorization: Bearer TOKEN".</summary>
    public string? Token { get; set; }

    /// <summary>Entries the session journal (GET /journal) keeps before the oldest fall out.</summary>
    public int JournalEntries { get; set; } = SessionJournal.DefaultCapacity;
}
