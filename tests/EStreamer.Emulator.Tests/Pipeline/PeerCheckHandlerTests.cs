using DotNetty.Buffers;
using DotNetty.Handlers.Tls;
using DotNetty.Transport.Channels.Embedded;
using EStreamer.Emulator.Peers;
using EStreamer.Emulator.Pipeline;
using EStreamer.Emulator.Sessions;
using EStreamer.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace EStreamer.Emulator.Tests.Pipeline;

/// <summary>
/// The peer check alone in an embedded channel, its decision held back by the test: whatever a client writes
/// before the decision reaches the next stage complete and in order, however much it is.
/// </summary>
public sealed class PeerCheckHandlerTests
{
    [TestCase(8_192)]
    [TestCase(10_000)]
    public void Everything_written_before_the_decision_goes_on_in_order_once_accepted(int nulls)
    {
        var decision = new TaskCompletionSource<PeerCheckResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (channel, _) = NewChannel(decision.Task);
        channel.Pipeline.FireUserEventTriggered(TlsHandshakeCompletionEvent.Success);

        var sent = NullsThenRequest(nulls);
        for (var at = 0; at < sent.Length; at += 16 * 1024)
        {
            channel.WriteInbound(Unpooled.CopiedBuffer(sent, at, Math.Min(16 * 1024, sent.Length - at)));
        }

        Assert.That(channel.Configuration.AutoRead, Is.False, "reading pauses once more than the threshold is held");
        decision.SetResult(PeerCheckResult.Accept(new Peer { Host = "127.0.0.1" }));
        RunUntil(channel, () => channel.Pipeline.Get<PeerCheckHandler>() is null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Drain(channel), Is.EqualTo(sent), "every byte, in order");
            Assert.That(channel.Configuration.AutoRead, Is.True, "reading resumes after the decision");
        }

        channel.FinishAndReleaseAll();
    }

    [Test]
    public void Bytes_of_a_refused_client_are_released_and_never_passed_on()
    {
        var (channel, connection) = NewChannel(Task.FromResult(PeerCheckResult.Reject(PeerRejection.UnknownCertificate, "not registered")));
        channel.WriteInbound(Unpooled.CopiedBuffer(NullsThenRequest(10)));
        channel.Pipeline.FireUserEventTriggered(TlsHandshakeCompletionEvent.Success);
        RunUntil(channel, () => connection.IsClosing);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Drain(channel), Is.Empty);
            Assert.That(channel.Active, Is.False, "closed after the refusal");
        }

        channel.FinishAndReleaseAll();
    }

    private static (EmbeddedChannel Channel, ConnectionState Connection) NewChannel(Task<PeerCheckResult> decision)
    {
        var channel = new EmbeddedChannel();
        var connection = new ConnectionState(1, channel);
        channel.Pipeline.AddLast("peer-check", new PeerCheckHandler(connection, (_, _) => decision, new SessionRegistry(), NullLogger.Instance));
        return (channel, connection);
    }

    private static byte[] NullsThenRequest(int nulls)
    {
        var nul = MessageCodec.Encode(NullMessage.Instance);
        var request = MessageCodec.Encode(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));
        return [.. Enumerable.Repeat(nul, nulls).SelectMany(b => b), .. request];
    }

    /// <summary>The decision comes back on the thread pool and is queued onto the channel's loop; run it there.</summary>
    private static void RunUntil(EmbeddedChannel channel, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the peer check never decided");
            Thread.Yield();
            channel.RunPendingTasks();
        }
    }

    private static byte[] Drain(EmbeddedChannel channel)
    {
        var received = new List<byte>();
        while (channel.ReadInbound<IByteBuffer>() is { } buffer)
        {
            var bytes = new byte[buffer.ReadableBytes];
            buffer.ReadBytes(bytes);
            buffer.Release();
            received.AddRange(bytes);
        }

        return [.. received];
    }
}
