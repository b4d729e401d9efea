namespace EStreamer.Emulator.Cli;

/// <summary>Thrown for a command line that cannot be understood; the program exits with status 2.</summary>
public sealed class UsageException(string message) : Exception(message);
