namespace EStreamer.Emulator.Tests.Support;

/// <summary>
/// The leak reports of DotNetty's resource leak detector. It reports a buffer when the buffer is
/// finalized without having been released, so a collection forces pending reports out.
/// </summary>
internal static class BufferLeaks
{
    public static CapturingLoggerProvider Log { get; } = new();

    /// <summary>Collects garbage, runs finalizers and takes every leak report logged so far.</summary>
    /// <remarks>
    /// One collection: a buffer that only a finalized object kept alive is found by the next check, as it
    /// was when a second collection followed (its report then landed after this check too). Each blocking
    /// collection pauses every test running beside this one.
    /// </remarks>
    public static string[] Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return Log.Take(line => line.Contains("LEAK", StringComparison.Ordinal));
    }
}
