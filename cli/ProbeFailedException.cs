namespace EStreamer.Emulator.Cli;

/// <summary>
/// A probe that reached a verdict other than success. The message is the one line the program prints
/// before exiting with status 1, so it names the failure exactly ("connection refused by HOST:PORT").
/// </summary>
public sealed class ProbeFailedException : Exception
{
    public ProbeFailedException(string message)
        : base(message)
    {
    }

    public ProbeFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProbeFailedException()
    {
    }
}
