namespace EStreamer.Emulator.Cli.Configuration;

/// <summary>
/// One bad value: <see cref="Origin"/> is "--port", "ESTREAMER_PORT" or "FILE:LINE:COL: port",
/// <see cref="Problem"/> what the option takes instead.
/// </summary>
public sealed record OptionError(string Origin, string Problem)
{
    /// <summary>True when the origin is a place in the config file, which editors jump to when a line starts with it.</summary>
    public bool InFile => !Origin.StartsWith('-') && !Origin.StartsWith("ESTREAMER_", StringComparison.Ordinal);

    public override string ToString() => $"{Origin} {Problem}";
}
