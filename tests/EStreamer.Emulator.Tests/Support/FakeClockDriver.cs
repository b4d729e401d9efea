using Microsoft.Extensions.Time.Testing;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>
/// Moves a fake clock forward in the background, one step every few milliseconds, so that what the
/// emulator paces by its clock (a scenario's live traffic, keep-alives, slow drips) comes many times
/// faster than on the wall clock. It only makes time pass: tests still wait on what the server reports.
/// </summary>
internal sealed class FakeClockDriver : IAsyncDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(5);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private FakeClockDriver(FakeTimeProvider clock, TimeSpan step)
    {
        _loop = Task.Run(() => RunAsync(clock, step, _stop.Token));
    }

    /// <summary>Starts moving <paramref name="clock"/> by <paramref name="step"/> at a time until disposed.</summary>
    public static FakeClockDriver Start(FakeTimeProvider clock, TimeSpan step) => new(clock, step);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task RunAsync(FakeTimeProvider clock, TimeSpan step, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            clock.Advance(step);
            try
            {
                await Task.Delay(Pause, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
