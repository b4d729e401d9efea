using System.Net;
using System.Security.Authentication;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Server;

/// <summary>
/// Everything the server can be told. Defaults are the embedded ones `serve` starts with; the CLI
/// and <c>ESTREAMER_*</c> environment variables override them (the command line binds them).
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>The ten families the management center lets an operator switch (reference 1.6).</summary>
    public static readonly IReadOnlyList<EventFamily> ServerFamilies =
    [
        EventFamily.Discovery,
        EventFamily.Correlation,
        EventFamily.ImpactAlert,
        EventFamily.Intrusion,
        EventFamily.PacketData,
        EventFamily.ExtraData,
        EventFamily.UserActivity,
        EventFamily.Malware,
        EventFamily.File,
        EventFamily.Connection,
    ];

    public string DataDirectory { get; set; } = "estreamer-data";

    public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

    /// <summary>eStreamer's port (reference 1.1); 0 picks a free one.</summary>
    public int Port { get; set; } = 8302;

    /// <summary>
    /// TLS 1.2 is what eNcore speaks (reference 1.2). TLS 1.3 is off unless asked for (<c>--tls13 on</c>):
    /// DotNetty 0.7.6's TLS handler drops about 2 in 1,000 TLS 1.3 sessions (docs/security.md, "TLS").
    /// </summary>
    public SslProtocols TlsProtocols { get; set; } = SslProtocols.Tls12;

    /// <summary>Null keep-alive after this much writer silence. A real server's period is not documented.</summary>
    public TimeSpan KeepaliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>TLS handshakes that take longer are dropped (DotNetty's TLS handler has no timeout of its own).</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A verified client that sends no Event Stream Request within this time is disconnected.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>A message whose header arrived but whose body stops coming for this long gets an Error and a close.</summary>
    public TimeSpan PartialMessageTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Open connections at most (TLS handshakes included); more are closed at once and counted as refused.</summary>
    public int MaxConnections { get; set; } = 1000;

    /// <summary>Largest client message accepted (header length field); clients only send small requests.</summary>
    public uint MaxClientMessageLength { get; set; } = 64 * 1024;

    /// <summary>
    /// Events per message bundle at most (metadata items ride along on top). Reference 6.3 suggests bundles of
    /// 64 KiB or a few hundred records at most; the built-in traffic averages about 384 bytes a record on the
    /// wire, so 170 events make about 64 KiB. Each bundle costs the server a wake-up, a flush and a client Null
    /// whatever its size: one client streamed about 30 % more records a second with 170 than with 100
    /// (docs/performance.md).
    /// </summary>
    public int BundleMaxEvents { get; set; } = 170;

    /// <summary>Bundles sent before a client Null must arrive (reference 7.1 recommends one).</summary>
    public int MaxUnacknowledgedBundles { get; set; } = 1;

    /// <summary>
    /// Flag-only sessions: stand-alone Event Data messages sent and not yet matched by a client Null
    /// (reference 3.1, 7.1). Each Null releases one message; flag-only clients send one per message read.
    /// </summary>
    public int MaxUnacknowledgedEventData { get; set; } = 64;

    /// <summary>Outbound bytes queued per connection before the server pauses that session.</summary>
    public int WriteBufferHighWaterMark { get; set; } = 256 * 1024;

    public int WriteBufferLowWaterMark { get; set; } = 64 * 1024;

    /// <summary>Families switched off on the server: never sent whatever a client asks.</summary>
    public HashSet<EventFamily> DisabledFamilies { get; } = [];

    /// <summary>The client profile when a peer does not pin one (reference 5.6.9).</summary>
    public ClientProfile DefaultProfile { get; set; } = ClientProfile.Auto;

    /// <summary>Events per second of the built-in traffic (the shipped quickstart scenario's live part); 0 stops live traffic.</summary>
    public double EventsPerSecond { get; set; } = 1;

    /// <summary>Events of the built-in traffic spread over the hour before the server starts (the "oldest" data).</summary>
    public int HistoryEvents { get; set; } = 120;

    /// <summary>Events the journal holds at most; older ones are dropped as new ones arrive. History above it is refused at start.</summary>
    public int JournalCapacity { get; set; } = DefaultJournalCapacity;

    public const int DefaultJournalCapacity = 200_000;

    /// <summary>Seed of the built-in traffic (and of a scenario when given on the command line).</summary>
    public int Seed { get; set; } = 8302;

    /// <summary>Conformance reports kept, in memory and as files in the data folder's reports/; the oldest go first.</summary>
    public int ReportsKept { get; set; } = 1024;

    /// <summary>The clock of every session and fault timer (request timeout, keep-alives, stalls, drips, timed faults).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public bool IsFamilyEnabled(EventFamily family) => !DisabledFamilies.Contains(family);

    /// <summary>Why the built-in history cannot be held whole (it is never cut silently), or null when it fits.</summary>
    public string? HistoryOverflow() => HistoryEvents > JournalCapacity
        ? $"asks for {HistoryEvents} history events, more than the journal holds ({JournalCapacity}); raise --journal-capacity or ask for less history"
        : null;
}
