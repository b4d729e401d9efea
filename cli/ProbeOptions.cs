using System.Globalization;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Cli;

/// <summary>What `probe` was asked to do, parsed from its command line.</summary>
public sealed record ProbeOptions
{
    public const int DefaultCount = 10;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public required string Host { get; init; }

    public required int Port { get; init; }

    public required string Pkcs12File { get; init; }

    public required string Password { get; init; }

    /// <summary>Records to decode before hanging up; 0 stops at the server's first answer (a connection check).</summary>
    public int Count { get; init; } = DefaultCount;

    /// <summary>Initial timestamp of the request (reference 4.2): 0 oldest, 0xFFFFFFFF now, else UNIX seconds.</summary>
    public uint StartTime { get; init; } = EventStreamRequestMessage.FromOldest;

    /// <summary>Bit 30 and a Streaming Request (2049) instead of flags alone (reference 5).</summary>
    public bool Extended { get; init; }

    public required IReadOnlyList<EventFamily> Families { get; init; }

    /// <summary>False when --families was left out and <see cref="Families"/> is every family.</summary>
    public bool FamiliesGiven { get; init; }

    /// <summary>A file to write every packet record (record 2) the probe decodes to, as a libpcap capture; null for none.</summary>
    public string? PcapFile { get; init; }

    /// <summary>Bound on connecting, on the TLS handshake, and on each wait for the next record.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>
    /// Reads `probe --host H --port N --pkcs12 FILE --password P [...]` from the flags' texts (null: not given);
    /// any mistake is a <see cref="UsageException"/>.
    /// </summary>
    public static ProbeOptions Parse(Func<string, string?> flag, bool extended)
    {
        var host = Required(flag, "host");
        var port = OptionsBinder.Flag("port", flag("port"), text => OptionsBinder.Whole(text, 1, 65535)) ?? throw new UsageException("probe needs --port N");
        var pkcs12 = Required(flag, "pkcs12");

        // The password may be blank (reference 1.3), but it has to be said: `--password ''`.
        var password = flag("password") ?? throw new UsageException("probe needs --password P (use --password '' for none)");
        var count = OptionsBinder.Flag("count", flag("count"), text => OptionsBinder.Whole(text, 0, 10_000_000)) ?? DefaultCount;
        var start = ParseStart(flag("start"));
        var familyList = flag("families");
        var timeout = OptionsBinder.Flag("timeout", flag("timeout"), text => OptionsBinder.Number(text, 0.1, 86_400));
        var pcap = flag("pcap");
        if (pcap is { Length: 0 })
        {
            throw new UsageException("--pcap needs a file name");
        }

        var families = familyList is null ? ProbeRequest.AllFamilies : ProbeRequest.ParseFamilies(familyList);
        if (!extended && familyList is not null)
        {
            var flagless = ProbeRequest.WithoutFlagBit(families);
            if (flagless.Count > 0)
            {
                throw new UsageException($"{string.Join(", ", flagless.Select(ProbeRequest.NameOf))} can only be asked for with --extended: no request flag bit selects them");
            }
        }

        return new ProbeOptions
        {
            Host = host,
            Port = port,
            Pkcs12File = pkcs12,
            Password = password,
            Count = count,
            StartTime = start,
            Extended = extended,
            Families = families,
            FamiliesGiven = familyList is not null,
            Timeout = timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultTimeout,
            PcapFile = pcap,
        };
    }

    private static string Required(Func<string, string?> flag, string name)
    {
        var value = flag(name);
        if (string.IsNullOrEmpty(value))
        {
            throw new UsageException($"probe needs --{name} {name.ToUpperInvariant()}");
        }

        return value;
    }

    private static uint ParseStart(string? text) => text?.ToLowerInvariant() switch
    {
        null or "oldest" => EventStreamRequestMessage.FromOldest,
        "now" => EventStreamRequestMessage.FromNow,
        _ when uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) => seconds,
        _ => throw new UsageException($"--start takes oldest, now or a UNIX time in seconds, not '{text}'"),
    };
}
