using System.CommandLine;

namespace EStreamer.Emulator.Cli;

/// <summary>Where a command writes and which environment variables it sees; tests give their own.</summary>
public sealed record CommandContext(TextWriter Output, TextWriter Error, IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>The text of every string option given on the command line, by name without the dashes.</summary>
    public static IReadOnlyDictionary<string, string> Flags(ParseResult parse, IEnumerable<Option<string>> options)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            if (parse.GetResult(option) is { Implicit: false } && parse.GetValue(option) is { } value)
            {
                flags[option.Name.TrimStart('-')] = value;
            }
        }

        return flags;
    }

    /// <summary>A string option `--NAME VALUE`.</summary>
    public static Option<string> Option(string name, string valueName, string description) =>
        new("--" + name) { HelpName = valueName, Description = description };
}
