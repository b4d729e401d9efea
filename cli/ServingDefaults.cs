namespace EStreamer.Emulator.Cli;

/// <summary>
/// Runtime settings a serving process starts with, each measured with `bench throughput` (docs/performance.md).
/// They are environment variables the runtime and DotNetty read once, so they are set before the first socket
/// or buffer exists; a value already in the environment wins.
/// </summary>
internal static class ServingDefaults
{
    public static readonly IReadOnlyList<(string Name, string Value)> Settings =
    [
        // A socket completion runs on the thread that polled it instead of hopping to a thread-pool worker:
        // DotNetty only hands it to the channel's event loop, so nothing blocks that thread. Without it the
        // thread pool's workers spin between completions, a large share of the server's CPU with few clients.
        ("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1"),

        // Bundles are larger than DotNetty's 32 KB per-thread buffer cache, so each one took the shared arena's
        // lock, contended by the thread that frees the buffer after the send. 512 KB covers a 1,000-event bundle.
        ("io.netty.allocator.maxCachedBufferCapacity", "524288"),
    ];

    public static void Apply()
    {
        foreach (var (name, value) in Settings)
        {
            if (Environment.GetEnvironmentVariable(name) is null)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
