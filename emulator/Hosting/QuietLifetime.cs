using Microsoft.Extensions.Hosting;

namespace EStreamer.Emulator.Hosting;

/// <summary>
/// A host lifetime that takes no signals: the control API's web host stops with the rest of the emulator,
/// and in a test process Ctrl+C belongs to the test runner. Only `serve` lets its host take SIGINT/SIGTERM.
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
