using System.Globalization;
using System.Net;
using System.Numerics;
using System.Security.Authentication;
using EStreamer.Emulator.Cli.Configuration;
using EStreamer.Emulator.Control;
using EStreamer.Emulator.Server;
using EStreamer.Protocol.Negotiation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Cli;

/// <summary>
/// Binds the layered option values (<see cref="OptionLayers"/>) into <see cref="ServeSettings"/>, checking each
/// value as it goes, and holds the value parsers every command uses. All bad values are reported together,
/// each naming where it was written.
/// </summary>
public static class OptionsBinder
{
    /// <summary>Every `serve` option, in help order: flag name, value name, help text, and how it lands in the settings.</summary>
    public static readonly IReadOnlyList<OptionSetting> Serve =
    [
        new("data-dir", "DIR", "data folder: CA, certificates, peers, conformance reports (default estreamer-data)", (s, v) => s.Server.DataDirectory = v),
        new("port", "N", "eStreamer TLS port (default 8302)", (s, v) => s.Server.Port = Whole(v, 0, 65535)),
        new("bind", "ADDR", "address the eStreamer port listens on (default 127.0.0.1)", (s, v) => s.Server.BindAddress = Address(v)),
        new("keepalive", "SECONDS", "null keep-alive after this much writer silence (default 30)", (s, v) => s.Server.KeepaliveInterval = TimeSpan.FromSeconds(Number(v, 0.1, 86_400))),
        new("rate", "EVENTS_PER_S", "built-in traffic's live rate; 0 stops live traffic (default 1)", (s, v) => s.Server.EventsPerSecond = Number(v, 0, 1_000_000)),
        new("history", "N", "built-in events in the journal before the server starts (default 120)", (s, v) => s.Server.HistoryEvents = Whole(v, 0, 10_000_000)),
        new("journal-capacity", "N", $"events the server's journal holds at most (default {EmulatorOptions.DefaultJournalCapacity}); --history must fit", (s, v) => s.Server.JournalCapacity = Whole(v, 1, 10_000_000)),
        new("window", "N", "bundles sent before the client's Null must arrive (default 1, as reference 7.1 recommends; a wider window streams faster to a single client, see docs/performance.md)", (s, v) => s.Server.MaxUnacknowledgedBundles = Whole(v, 1, 1_000)),
        new("seed", "N", "seed of the built-in traffic, or replacing a scenario's own (default 8302)", (s, v) =>
        {
            s.Server.Seed = Whole(v, int.MinValue, int.MaxValue);
            s.SeedGiven = true;
        }),
        new("disable-families", "LIST", "event families switched off on the server, comma-separated", (s, v) => s.Server.DisabledFamilies.UnionWith(Families(v))),
        new("profile", string.Join('|', ClientProfiles.Names), "client profile when a peer does not pin one (default auto)", (s, v) => s.Server.DefaultProfile = Profile(v)),
        new("tls13", "on|off", "also offer TLS 1.3; off by default, see docs/security.md (default off)", (s, v) => s.Server.TlsProtocols = Switch(v) ? SslProtocols.Tls12 | SslProtocols.Tls13 : SslProtocols.Tls12),
        new("max-connections", "N", "open connections at most; more are closed at once (default 1000)", (s, v) => s.Server.MaxConnections = Whole(v, 1, 1_000_000)),
        new("partial-message-timeout", "SECONDS", "a message whose body stops arriving for this long gets an Error and a close (default 30)", (s, v) => s.Server.PartialMessageTimeout = TimeSpan.FromSeconds(Number(v, 0.1, 86_400))),
        new("bundle-events", "N", "events per message bundle at most (default 170, about 64 KiB)", (s, v) => s.Server.BundleMaxEvents = Whole(v, 1, 10_000)),
        new("log-level", "LEVEL", "trace, debug, info, warning or error (default info)", (s, v) => s.LogLevel = Level(v)),
        new("address-check", "on|off", "compare a client's source address with its certificate (default: the peer database's setting)", (s, v) => s.AddressCheck = Switch(v)),
        new("scenario", "FILE|NAME", "play a scenario: a YAML file or a shipped example name", (s, v) => s.Scenario = v),
        new("control-port", "N", $"HTTP control API port; 0 turns it off (default {ControlOptions.DefaultPort})", (s, v) => s.Control.Port = Whole(v, 0, 65535)),
        new("control-bind", "ADDR", "address the control API listens on (default 127.0.0.1)", (s, v) => s.Control.BindAddress = Address(v)),
        new("control-token", "T", "bearer token every control endpoint but /healthz requires", (s, v) => s.Control.Token = v.Length > 0 ? v : null),
        new("reports-kept", "N", "conformance reports kept in memory and in DATA_DIR/reports, newest first (default 1024)", (s, v) => s.Server.ReportsKept = Whole(v, 1, 10_000_000)),
        new("journal-entries", "N", $"entries the session journal keeps (default {SessionJournal.DefaultCapacity})", (s, v) => s.Control.JournalEntries = Whole(v, 1, 10_000_000)),
    ];

    public static IReadOnlyCollection<string> ServeNames { get; } = Serve.Select(s => s.Name).ToArray();

    /// <summary>Binds the settings named in <paramref name="names"/> (every serve option by default); bad values are an <see cref="InvalidOptionsException"/>.</summary>
    public static ServeSettings Bind(IReadOnlyDictionary<string, string> flags, IReadOnlyDictionary<string, string?> environment, IReadOnlyCollection<string>? names = null)
    {
        names ??= ServeNames;
        var configuration = OptionLayers.Build(ServeNames, flags, environment);
        var settings = new ServeSettings();
        var errors = new List<OptionError>();
        foreach (var setting in Serve.Where(s => names.Contains(s.Name)))
        {
            if (configuration[setting.Name] is not { } text)
            {
                continue;
            }

            try
            {
                setting.Apply(settings, text);
            }
            catch (InvalidValueException invalid)
            {
                errors.Add(new OptionError(OptionLayers.Origin(configuration, setting.Name), invalid.Message));
            }
        }

        if (errors.Count == 0 && names.Contains("control-port") && names.Contains("port"))
        {
            CheckPortsDiffer(configuration, settings, errors);
        }

        if (errors.Count == 0 && settings.Scenario is null && settings.Server.HistoryOverflow() is { } overflow)
        {
            errors.Add(new OptionError(OptionLayers.Origin(configuration, configuration["history"] is null ? "journal-capacity" : "history"), overflow));
        }

        return errors.Count == 0 ? settings : throw new InvalidOptionsException(errors);
    }

    /// <summary>The data folder `peers` works on: --data-dir, ESTREAMER_DATA_DIR, the config file or the default.</summary>
    public static string DataDirectory(IReadOnlyDictionary<string, string> flags, IReadOnlyDictionary<string, string?> environment) =>
        Bind(flags, environment, ["data-dir"]).Server.DataDirectory;

    /// <summary>A whole number within bounds; the one parser behind every integer option.</summary>
    public static int Whole(string text, int min, int max) => InRange(text, min, max, NumberStyles.Integer, "a whole number");

    /// <summary>A number (decimal point allowed) within bounds.</summary>
    public static double Number(string text, double min, double max) => InRange(text, min, max, NumberStyles.Float, "a number");

    public static IPAddress Address(string text) =>
        IPAddress.TryParse(text, out var address) ? address : throw new InvalidValueException($"takes an IP address, not '{text}'");

    public static ClientProfile Profile(string text) =>
        ClientProfiles.TryParse(text, out var profile) ? profile : throw new InvalidValueException($"takes {string.Join(", ", ClientProfiles.Names)}, not '{text}'");

    public static LogLevel Level(string text) => text.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "information" or "info" => LogLevel.Information,
        "warning" or "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => throw new InvalidValueException($"takes trace, debug, info, warning or error, not '{text}'"),
    };

    public static bool Switch(string text) => text.ToLowerInvariant() switch
    {
        "on" or "true" or "1" => true,
        "off" or "false" or "0" => false,
        _ => throw new InvalidValueException($"takes on or off, not '{text}'"),
    };

    /// <summary>A flag's value parsed, or null when the flag was not given; a bad value is a usage error naming the flag.</summary>
    public static T? Flag<T>(string name, string? text, Func<string, T> parse)
        where T : struct
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return parse(text);
        }
        catch (InvalidValueException invalid)
        {
            throw new UsageException($"--{name} {invalid.Message}");
        }
    }

    /// <summary>Family names as operators write them: intrusion, packet-data, extra-data, impact, user-activity...</summary>
    public static EventFamily ParseFamily(string name) =>
        TryParseFamily(name, out var family) ? family : throw new UsageException($"unknown event family '{name}' ({FamilyNames})");

    private const string FamilyNames = "intrusion, packet-data, extra-data, impact, discovery, correlation, connection, user-activity, malware, file";

    private static bool TryParseFamily(string name, out EventFamily family)
    {
        EventFamily? named = name.ToLowerInvariant().Replace("_", "-", StringComparison.Ordinal) switch
        {
            "intrusion" => EventFamily.Intrusion,
            "packet-data" or "packets" => EventFamily.PacketData,
            "extra-data" => EventFamily.ExtraData,
            "impact" or "impact-alerts" => EventFamily.ImpactAlert,
            "discovery" => EventFamily.Discovery,
            "correlation" => EventFamily.Correlation,
            "connection" or "connections" => EventFamily.Connection,
            "user-activity" or "user" => EventFamily.UserActivity,
            "malware" => EventFamily.Malware,
            "file" or "files" => EventFamily.File,
            _ => null,
        };
        family = named.GetValueOrDefault();
        return named is not null;
    }

    private static IEnumerable<EventFamily> Families(string list)
    {
        var families = new List<EventFamily>();
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            families.Add(TryParseFamily(name, out var family) ? family : throw new InvalidValueException($"takes event families ({FamilyNames}), not '{name}'"));
        }

        return families;
    }

    private static T InRange<T>(string text, T min, T max, NumberStyles styles, string kind)
        where T : INumber<T>
    {
        if (T.TryParse(text.Trim(), styles, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        throw new InvalidValueException(string.Create(CultureInfo.InvariantCulture, $"takes {kind} from {min} to {max}, not '{text}'"));
    }

    /// <summary>The control API cannot share the eStreamer port: the second listener would fail at start, after the first opened.</summary>
    private static void CheckPortsDiffer(IConfigurationRoot configuration, ServeSettings settings, List<OptionError> errors)
    {
        if (settings.Control.Port != 0 && settings.Control.Port == settings.Server.Port)
        {
            var origin = configuration["control-port"] is null ? OptionLayers.Origin(configuration, "port") : OptionLayers.Origin(configuration, "control-port");
            errors.Add(new OptionError(origin, string.Create(CultureInfo.InvariantCulture, $"cannot be {settings.Server.Port}: the eStreamer server and the control API would share that port")));
        }
    }
}
