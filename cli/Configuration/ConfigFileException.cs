namespace EStreamer.Emulator.Cli.Configuration;

/// <summary>A config file that cannot be used: each line of its message is `FILE:LINE:COL: what is wrong`.</summary>
public sealed class ConfigFileException(string message) : Exception(message);
