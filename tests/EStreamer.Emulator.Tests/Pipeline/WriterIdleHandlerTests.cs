using DotNetty.Buffers;
using DotNetty.Handlers.Timeout;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Embedded;
using EStreamer.Emulator.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace EStreamer.Emulator.Tests.Pipeline;

/// <summary>The idle stage on a fake clock: writer-idle events after the interval without writes.</summary>
public sealed class WriterIdleHandlerTests
{
    [Test]
    public void Writer_idle_fires_after_the_interval_and_a_write_puts_it_off()
    {
        var clock = new FakeTimeProvider();
        var events = new EventCatcher();
        var channel = new EmbeddedChannel(new WriterIdleHandler(TimeSpan.FromSeconds(5), clock), events);

        Advance(channel, clock, TimeSpan.FromSeconds(4));
        Assert.That(events.Count, Is.Zero);
        channel.WriteAndFlushAsync(Unpooled.WrappedBuffer([1]));
        Advance(channel, clock, TimeSpan.FromSeconds(4));
        Assert.That(events.Count, Is.Zero, "the write 4 s ago keeps the writer busy");

        Advance(channel, clock, TimeSpan.FromSeconds(1));
        Assert.That(events.Count, Is.EqualTo(1));
        Advance(channel, clock, TimeSpan.FromSeconds(5));
        Assert.That(events.Count, Is.EqualTo(2), "and again every interval while idle");
        channel.FinishAndReleaseAll();
    }

    private static void Advance(EmbeddedChannel channel, FakeTimeProvider clock, TimeSpan by)
    {
        clock.Advance(by);
        channel.RunPendingTasks();
    }

    private sealed class EventCatcher : ChannelHandlerAdapter
    {
        public int Count { get; private set; }

        public override void UserEventTriggered(IChannelHandlerContext context, object evt)
        {
            if (evt is IdleStateEvent { State: IdleState.WriterIdle })
            {
                Count++;
            }
        }
    }
}
