using System.Net.Sockets;
using System.Reflection;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Sockets;

namespace EStreamer.Emulator.Faults;

/// <summary>
/// Closes a connection with a TCP reset (RST), which DotNetty's public API cannot do: its socket channel
/// always shuts the socket down (FIN) before disposing it, so a zero linger set through
/// <see cref="ChannelOption.SoLinger"/> only follows a FIN the client already read as a clean end (checked:
/// with SoLinger 0 and a plain close, FaultTests.Tcp_reset_aborts_the_connection sees EOF, not a reset). The
/// socket is therefore closed here first, with a zero linger; DotNetty then finds it gone and tidies up.
/// This is the only place that reaches into DotNetty: its non-public <c>Socket</c> field of
/// <see cref="AbstractSocketChannel"/> (0.7.6). <see cref="IsAvailable"/> is false if that field is gone,
/// and a test fails on it.
/// </summary>
internal static class SocketReset
{
    private static readonly FieldInfo? SocketField =
        typeof(AbstractSocketChannel).GetField("Socket", BindingFlags.Instance | BindingFlags.NonPublic);

    public static bool IsAvailable => SocketField?.FieldType == typeof(Socket);

    /// <summary>Resets the connection; without a socket to reach (an embedded channel, say) it only closes.</summary>
    public static Task AbortAsync(IChannel channel)
    {
        if (channel is AbstractSocketChannel && SocketField?.GetValue(channel) is Socket socket)
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }

        return channel.CloseAsync().ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
