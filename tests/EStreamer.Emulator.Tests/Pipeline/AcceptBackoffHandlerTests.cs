using DotNetty.Transport.Channels.Embedded;
using EStreamer.Emulator.Pipeline;
using EStreamer.Emulator.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EStreamer.Emulator.Tests.Pipeline;

/// <summary>
/// The listening channel's back-off, alone in an embedded channel on a fake clock: a read batch that ends
/// without a connection (what DotNetty leaves of a failed accept) pauses accepting, longer each time, with
/// one log line per episode.
/// </summary>
public sealed class AcceptBackoffHandlerTests
{
    [Test]
    public void Failed_accepts_pause_accepting_with_growing_pauses_and_one_log_line_per_episode()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var channel = new EmbeddedChannel(new AcceptBackoffHandler(factory.CreateLogger("test"), clock));

        for (var failure = 0; failure < 3; failure++)
        {
            channel.Pipeline.FireChannelReadComplete();
            Assert.That(channel.Configuration.AutoRead, Is.False, $"paused after failure {failure + 1}");
            var pause = TimeSpan.FromTicks(AcceptBackoffHandler.FirstPause.Ticks << failure);
            clock.Advance(pause - TimeSpan.FromMilliseconds(1));
            channel.RunPendingTasks();
            Assert.That(channel.Configuration.AutoRead, Is.False, $"still paused just before {pause}");
            clock.Advance(TimeSpan.FromMilliseconds(1));
            channel.RunPendingTasks();
            Assert.That(channel.Configuration.AutoRead, Is.True, $"accepting again after {pause}");
        }

        Assert.That(logs.Lines.Count(l => l.Line.Contains("accepting connections failed", StringComparison.Ordinal)), Is.EqualTo(1));

        channel.Pipeline.FireChannelRead(new object());
        channel.Pipeline.FireChannelReadComplete();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(channel.Configuration.AutoRead, Is.True, "a batch with a connection does not pause");
            Assert.That(logs.Lines.Select(l => l.Line), Has.One.Contains("accepting connections again after 3 failed attempts"));
        }

        channel.FinishAndReleaseAll();
    }
}
