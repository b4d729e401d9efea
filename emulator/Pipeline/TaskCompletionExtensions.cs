namespace EStreamer.Emulator.Pipeline;

internal static class TaskCompletionExtensions
{
    /// <summary>Ends <paramref name="target"/> as <paramref name="source"/> ended.</summary>
    public static void TrySetFromTask(this TaskCompletionSource target, Task source)
    {
        if (source.IsFaulted)
        {
            target.TrySetException(source.Exception!.InnerExceptions);
        }
        else if (source.IsCanceled)
        {
            target.TrySetCanceled();
        }
        else
        {
            target.TrySetResult();
        }
    }
}
