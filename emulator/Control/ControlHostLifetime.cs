using Microsoft.Extensions.Hosting;

namespace EStreamer.Emulator.Control;

/// <summary>
/// Replaces the console lifetime a host brings by default: `serve` owns SIGINT/SIGTERM and stops the
/// control API with the rest of the emulator, and a test process must not have its Ctrl+C taken.
/// </summary>
internal sealed class ControlHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
