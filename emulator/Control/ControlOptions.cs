using System.Net;

namespace EStreamer.Emulator.Control;

/// <summary>
/// The control API's settings (`serve --control-port/--control-bind/--control-token/--journal-entries`,
/// or ESTREAMER_CONTROL_PORT, ESTREAMER_CONTROL_BIND, ESTREAMER_CONTROL_TOKEN, ESTREAMER_JOURNAL_ENTRIES).
/// </summary>
public sealed class ControlOptions
{
    public const int DefaultPort = 8303;

    /// <summary>1 MiB: the largest shipped scenario is a few kilobytes.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    public const int DefaultMaxConcurrentLoads = 2;

    /// <summary>HTTP port; 0 binds a free one (tests). `serve --control-port 0` means no control API at all.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Loopback by default: the API can reset the emulator and switch its service off.</summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

    /// <summary>When set, every endpoint but /healthz needs "Authorization: Bearer TOKEN".</summary>
    public string? Token { get; set; }

    /// <summary>Largest request body accepted (scenario YAML, events, fault and service JSON); larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>POST /scenario, /events and /faults running at once; <see cref="MaxQueuedLoads"/> more wait, further ones get 429.</summary>
    public int MaxConcurrentLoads { get; set; } = DefaultMaxConcurrentLoads;

    /// <summary>Expensive requests that wait for one running to finish before the rest are turned away.</summary>
    public int MaxQueuedLoads { get; set; } = 1;

    /// <summary>Entries the session journal (GET /journal) keeps before the oldest fall out.</summary>
    public int JournalEntries { get; set; } = SessionJournal.DefaultCapacity;
}
