using System.Net.Sockets;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;
using EStreamer.Emulator.Sessions;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>
/// A failed write is either the client having hung up (logged as information) or a server fault (logged as an
/// "estreamer error"). These are the failure shapes DotNetty hands the write continuation.
/// </summary>
public sealed class SendFailureTests
{
    [Test]
    public void Broken_pipe_under_a_closed_channel_is_the_client_hanging_up()
    {
        // What DotNetty 0.7.6 reports when the peer has gone: ClosedChannelException("Failed to write") over the socket error.
        var failure = new AggregateException(new ClosedChannelException("Failed to write", new SocketException((int)SocketError.Shutdown)));

        Assert.That(SessionHandler.ClientHungUp(failure, channelActive: false), Is.EqualTo(new SocketException((int)SocketError.Shutdown).Message));
    }

    [Test]
    public void Connection_reset_is_the_client_hanging_up_even_before_the_channel_notices()
    {
        var failure = new AggregateException(new SocketException((int)SocketError.ConnectionReset));

        Assert.That(SessionHandler.ClientHungUp(failure, channelActive: true), Is.EqualTo(new SocketException((int)SocketError.ConnectionReset).Message));
    }

    [Test]
    public void Write_on_an_already_closed_channel_is_the_client_hanging_up()
    {
        var failure = new AggregateException(new ClosedChannelException());

        Assert.That(SessionHandler.ClientHungUp(failure, channelActive: true), Is.EqualTo("connection closed"));
    }

    [Test]
    public void An_encoder_fault_on_a_live_channel_is_a_server_error()
    {
        var failure = new AggregateException(new EncoderException(new InvalidOperationException("record too long")));

        Assert.That(SessionHandler.ClientHungUp(failure, channelActive: true), Is.Null);
    }
}
