using Microsoft.Extensions.Hosting;

namespace EStreamer.Emulator.Hosting;

/// <summary>A host lifetime that takes no signals: in a test process Ctrl+C belongs to the test runner.</summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
