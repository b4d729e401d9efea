using System.Net;
using EStreamer.Emulator.Control;
using EStreamer.Emulator.Server;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Cli;

/// <summary>
/// Builds <see cref="EmulatorOptions"/> from, in rising precedence, the embedded defaults, environment
/// variables (ESTREAMER_PORT, ESTREAMER_BIND, ...) and command-line flags of the same names.
/// </summary>
public static class OptionsBinder
{
    /// <summary>Flag name → environment variable, one list so the two stay in step.</summary>
    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["data-dir"] = "ESTREAMER_DATA_DIR",
        ["port"] = "ESTREAMER_PORT",
        ["bind"] = "ESTREAMER_BIND",
        ["keepalive"] = "ESTREAMER_KEEPALIVE",
        ["rate"] = "ESTREAMER_RATE",
        ["history"] = "ESTREAMER_HISTORY",
        ["seed"] = "ESTREAMER_SEED",
        ["disable-families"] = "ESTREAMER_DISABLE_FAMILIES",
        ["profile"] = "ESTREAMER_PROFILE",
        ["bundle-events"] = "ESTREAMER_BUNDLE_EVENTS",
        ["log-level"] = "ESTREAMER_LOG_LEVEL",
        ["address-check"] = "ESTREAMER_ADDRESS_CHECK",
        ["scenario"] = "ESTREAMER_SCENARIO",
        ["control-port"] = "ESTREAMER_CONTROL_PORT",
        ["control-bind"] = "ESTREAMER_CONTROL_BIND",
        ["control-token"] = "ESTREAMER_CONTROL_TOKEN",
        ["journal-entries"] = "ESTREAMER_JOURNAL_ENTRIES",
    };

    /// <summary>A flag, else its environment variable, else the config file's value.</summary>
    public static string? Value(CommandLine line, string name) =>
        line.Get(name) ?? System.Environment.GetEnvironmentVariable(Environment[name]) ?? line.ConfigValue(name);

    public static string DataDirectory(CommandLine line) => Value(line, "data-dir") ?? new EmulatorOptions().DataDirectory;

    public static EmulatorOptions Bind(CommandLine line)
    {
        var options = new EmulatorOptions { DataDirectory = DataDirectory(line) };
        if (Value(line, "port") is { } port)
        {
            options.Port = ParseInt("port", port, 0, 65535);
        }

        if (Value(line, "bind") is { } bind)
        {
            options.BindAddress = IPAddress.TryParse(bind, out var address) ? address : throw new UsageException($"--bind takes an IP address, not '{bind}'");
        }

        if (Value(line, "keepalive") is { } keepalive)
        {
            options.KeepaliveInterval = TimeSpan.FromSeconds(ParseDouble("keepalive", keepalive, 0.1, 86_400));
        }

        if (Value(line, "rate") is { } rate)
        {
            options.EventsPerSecond = ParseDouble("rate", rate, 0, 1_000_000);
        }

        if (Value(line, "history") is { } history)
        {
            options.HistoryEvents = ParseInt("history", history, 0, 1_000_000);
        }

        if (Value(line, "seed") is { } seed)
        {
            options.Seed = ParseInt("seed", seed, int.MinValue, int.MaxValue);
        }

        if (Value(line, "bundle-events") is { } bundle)
        {
            options.BundleMaxEvents = ParseInt("bundle-events", bundle, 1, 10_000);
        }

        if (Value(line, "profile") is { } profile)
        {
            options.DefaultProfile = profile.ToLowerInvariant() switch
            {
                "auto" => ClientProfile.Auto,
                "encore38" => ClientProfile.Encore38,
                "encore52" => ClientProfile.Encore52,
                _ => throw new UsageException($"--profile takes auto, encore38 or encore52, not '{profile}'"),
            };
        }

        if (Value(line, "disable-families") is { } families)
        {
            foreach (var name in families.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.DisabledFamilies.Add(ParseFamily(name));
            }
        }

        return options;
    }

    /// <summary>The control API's settings, or null when `--control-port 0` turns it off.</summary>
    public static ControlOptions? BindControl(CommandLine line)
    {
        var options = new ControlOptions();
        if (Value(line, "control-port") is { } port)
        {
            options.Port = ParseInt("control-port", port, 0, 65535);
        }

        if (Value(line, "control-bind") is { } bind)
        {
            options.BindAddress = IPAddress.TryParse(bind, out var address) ? address : throw new UsageException($"--control-bind takes an IP address, not '{bind}'");
        }

        if (Value(line, "control-token") is { Length: > 0 } token)
        {
            options.Token = token;
        }

        if (Value(line, "journal-entries") is { } entries)
        {
            options.JournalEntries = ParseInt("journal-entries", entries, 1, 10_000_000);
        }

        return options.Port == 0 ? null : options;
    }

    /// <summary>The serve-time address-check switch (on/off), or null to keep the peer database's setting.</summary>
    public static bool? AddressCheck(CommandLine line) => Value(line, "address-check")?.ToLowerInvariant() switch
    {
        null => null,
        "on" or "true" or "1" => true,
        "off" or "false" or "0" => false,
        var other => throw new UsageException($"--address-check takes on or off, not '{other}'"),
    };

    /// <summary>Family names as operators write them: intrusion, packet-data, extra-data, impact, user-activity...</summary>
    public static EventFamily ParseFamily(string name) => name.ToLowerInvariant().Replace("_", "-", StringComparison.Ordinal) switch
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
        _ => throw new UsageException($"unknown event family '{name}' (intrusion, packet-data, extra-data, impact, discovery, correlation, connection, user-activity, malware, file)"),
    };

    private static int ParseInt(string name, string text, int min, int max) =>
        int.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} takes a whole number from {min} to {max}, not '{text}'");

    private static double ParseDouble(string name, string text, double min, double max) =>
        double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} takes a number from {min} to {max}, not '{text}'");
}
