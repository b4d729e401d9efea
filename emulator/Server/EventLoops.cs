using DotNetty.Transport.Channels;

namespace EStreamer.Emulator.Server;

/// <summary>
/// The DotNetty event loops every server in the process shares: one to accept, two per core for
/// connections. They live as long as the process (their threads are background threads) and are never
/// shut down. DotNetty 0.7.6's graceful shutdown can spin forever: when a task reaches a loop while it
/// terminates, <c>ConfirmShutdown</c> wakes itself with a new no-op task and finds a task again, never
/// reaching its own timeout. A server therefore closes its listener and its connections and waits for
/// them, and leaves the loops running for the next server (tests and the fixture start many).
/// </summary>
internal static class EventLoops
{
    private static readonly Lazy<MultithreadEventLoopGroup> SharedAcceptor = new(() => new MultithreadEventLoopGroup(1));

    // Two loops per core, at least four: servers started side by side (tests, a fixture per suite) share
    // them, and one busy connection then holds up fewer of the others.
    private static readonly Lazy<MultithreadEventLoopGroup> SharedWorkers = new(() => new MultithreadEventLoopGroup(Math.Max(4, 2 * Environment.ProcessorCount)));

    public static IEventLoopGroup Acceptor => SharedAcceptor.Value;

    public static IEventLoopGroup Workers => SharedWorkers.Value;
}
