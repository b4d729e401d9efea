namespace EStreamer.Emulator.Cli.Configuration;

/// <summary>A value an option cannot take; the message says what it takes, e.g. "takes a whole number from 0 to 65535, not 'abc'".</summary>
public sealed class InvalidValueException(string problem) : Exception(problem);
