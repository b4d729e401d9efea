using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Control;

/// <summary>
/// Hands ASP.NET Core's loggers out of the emulator's own factory, so Kestrel's warnings land in the same
/// console (or test capture) as the eStreamer lines, under the host's level filters.
/// </summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory loggers) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => loggers.CreateLogger(categoryName);

    public void Dispose()
    {
        // The factory belongs to whoever made the emulator; it outlives the control API.
    }
}
