using System.Runtime.ExceptionServices;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>
/// Runs a measurement on a thread of its own. DotNetty recycles its buffer objects per thread and keeps only
/// some of those it has not seen before, so what a bundle allocates on a test worker depended on what other
/// tests had done on that thread earlier; a new thread starts the same every run.
/// </summary>
internal static class OwnThread
{
    public static T Run<T>(Func<T> measure)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = measure();
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
