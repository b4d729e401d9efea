namespace EStreamer.Emulator.Cli.Configuration;

/// <summary>Every bad option value found while binding, each naming where it came from; the program exits with status 2.</summary>
public sealed class InvalidOptionsException(IReadOnlyList<OptionError> errors) : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<OptionError> Errors { get; } = errors;
}
