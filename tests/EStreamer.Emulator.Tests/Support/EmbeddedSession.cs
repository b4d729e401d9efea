using DotNetty.Buffers;
using DotNetty.Transport.Channels.Embedded;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Pipeline;
using EStreamer.Emulator.Server;
using EStreamer.Emulator.Sessions;
using EStreamer.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>
/// The idle, faults and session stages of one connection in an <see cref="EmbeddedChannel"/>, on a fake
/// clock, with an in-memory journal: client messages go in as typed messages, what the server writes
/// comes out as bytes decoded here.
/// </summary>
internal sealed class EmbeddedSession : IDisposable
{
    public EmbeddedSession(Action<EmulatorOptions>? configure = null, FaultSchedule? faults = null, IServiceControl? service = null)
    {
        Options = new EmulatorOptions { Time = Clock, KeepaliveInterval = TimeSpan.FromSeconds(30) };
        configure?.Invoke(Options);
        Registry.AddObserver(Events);
        Channel = new EmbeddedChannel();
        var connection = new ConnectionState(1, Channel);
        var writer = new ConnectionWriter(Options.Time);
        var effects = new FaultEffects(Options.Time);
        Session = new SessionHandler(connection, Options, Journal, Registry, NullLogger.Instance, writer, effects);
        Faults = new FaultHandler(connection, writer, effects, faults ?? FaultSchedule.None, service ?? new NoService(), Registry, NullLogger.Instance, Options.Time, Session);
        Channel.Pipeline.AddLast("idle", new WriterIdleHandler(Options.KeepaliveInterval, Options.Time));
        Channel.Pipeline.AddLast("faults", Faults);
        Channel.Pipeline.AddLast("session", Session);
        Channel.Pipeline.FireUserEventTriggered(PeerAcceptedEvent.Instance);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public EmulatorOptions Options { get; }

    public EventJournal Journal { get; } = new();

    public SessionRegistry Registry { get; } = new();

    public SessionEventRecorder Events { get; } = new();

    public EmbeddedChannel Channel { get; }

    public SessionHandler Session { get; }

    public FaultHandler Faults { get; }

    public SessionInfo Info => Session.Snapshot();

    /// <summary>Delivers a client message and runs what it queued on the event loop.</summary>
    public void Send(IMessage message)
    {
        Channel.WriteInbound(message);
        Run();
    }

    /// <summary>Moves the fake clock and runs the timer work it queued on the event loop.</summary>
    public void Advance(TimeSpan by)
    {
        Clock.Advance(by);
        Run();
    }

    public void Run()
    {
        // Work queued by queued work (a pump turn scheduling the next) runs too.
        for (var i = 0; i < 16; i++)
        {
            Channel.RunPendingTasks();
        }
    }

    /// <summary>The raw bytes of everything written so far, one buffer per write.</summary>
    public List<byte[]> WrittenBytes()
    {
        var written = new List<byte[]>();
        while (Channel.ReadOutbound<IByteBuffer>() is { } buffer)
        {
            var bytes = new byte[buffer.ReadableBytes];
            buffer.ReadBytes(bytes);
            buffer.Release();
            written.Add(bytes);
        }

        return written;
    }

    /// <summary>Everything written so far, decoded.</summary>
    public List<IMessage> Written() => WrittenBytes().Select(b => MessageCodec.Read(b)).ToList();

    public void Dispose() => Channel.FinishAndReleaseAll();

    private sealed class NoService : IServiceControl
    {
        public Task DisableServiceAsync() => Task.CompletedTask;

        public Task EnableServiceAsync() => Task.CompletedTask;

        public void RefuseNextConnections(int count)
        {
        }
    }
}
