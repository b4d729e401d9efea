namespace EStreamer.Emulator.Cli;

/// <summary>Thrown for a command line that cannot be understood; the program exits with status 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// A small parser for `COMMAND [SUBCOMMAND] [ARG...] [--flag VALUE | --switch]`. Flags may also be written
/// `--flag=VALUE`. Each flag is consumed once; anything left over is a usage error.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string> _config = new Dictionary<string, string>();

    public CommandLine(IReadOnlyList<string> args, IReadOnlySet<string> switches)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                _positionals.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (!switches.Contains(name))
            {
                if (i + 1 >= args.Count)
                {
                    throw new UsageException($"--{name} needs a value");
                }

                value = args[++i];
            }

            if (!_flags.TryAdd(name, value))
            {
                throw new UsageException($"--{name} given twice");
            }
        }
    }

    public IReadOnlyList<string> Positionals => _positionals;

    /// <summary>Values from a config file: used only where neither a flag nor the environment gives one.</summary>
    public void UseConfig(IReadOnlyDictionary<string, string> values) => _config = values;

    public string? ConfigValue(string name) => _config.GetValueOrDefault(name);

    public string? Get(string name)
    {
        _used.Add(name);
        return _flags.GetValueOrDefault(name);
    }

    public bool Has(string name)
    {
        _used.Add(name);
        return _flags.ContainsKey(name);
    }

    public int? GetInt(string name, int min, int max)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, out var value) || value < min || value > max)
        {
            throw new UsageException($"--{name} takes a whole number from {min} to {max}, not '{text}'");
        }

        return value;
    }

    public double? GetDouble(string name, double min, double max)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"--{name} takes a number from {min} to {max}, not '{text}'");
        }

        return value;
    }

    /// <summary>Fails on flags nobody asked for: a typo must not silently fall back to a default.</summary>
    public void RejectUnknown()
    {
        var unknown = _flags.Keys.Where(k => !_used.Contains(k)).ToArray();
        if (unknown.Length > 0)
        {
            throw new UsageException($"unknown option --{unknown[0]}");
        }
    }
}
