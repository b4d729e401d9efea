using System.Net;
using System.Net.Security;
using DotNetty.Transport.Channels;
using EStreamer.Emulator.Peers;
using EStreamer.Emulator.Tls;

namespace EStreamer.Emulator.Pipeline;

/// <summary>
/// What one connection's handlers share: its id (the bundle connection ID), the TLS stream made for it,
/// the accepted peer and the close in progress. Created by the initializer, one per channel.
/// </summary>
internal sealed class ConnectionState
{
    private int _closing;

    public ConnectionState(uint id, IChannel channel)
    {
        Id = id;
        Channel = channel;
        // The listener is dual-stack: IPv4 clients show up as ::ffff:a.b.c.d. Log lines and the control API
        // show them as operators write them, so "grep 'client 127.0.0.1'" finds them.
        Remote = channel.RemoteAddress is IPEndPoint { Address.IsIPv4MappedToIPv6: true } mapped
            ? new IPEndPoint(mapped.Address.MapToIPv4(), mapped.Port)
            : channel.RemoteAddress;
    }

    public uint Id { get; }

    public IChannel Channel { get; }

    public EndPoint? Remote { get; }

    public SslStream? Tls { get; set; }

    public Peer? Peer { get; set; }

    /// <summary>The client's first record, once it sent one; null while it has sent nothing.</summary>
    public ClientHello? Hello { get; set; }

    public string CloseReason { get; private set; } = "client closed";

    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    public IPAddress RemoteAddress => (Remote as IPEndPoint)?.Address ?? IPAddress.None;

    /// <summary>
    /// Closes the way eNcore expects (reference 7.3): TLS close_notify, then FIN. DotNetty's TLS handler
    /// only disposes its stream on close, so the notice is sent here first. Safe to call more than once.
    /// </summary>
    public Task CloseGracefullyAsync(string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return Channel.CloseCompletion;
        }

        CloseReason = reason;
        var tls = Tls;
        if (tls is null || !tls.IsAuthenticated || !Channel.Active)
        {
            return Channel.CloseAsync();
        }

        Task shutdown;
        try
        {
            shutdown = tls.ShutdownAsync();
        }
        catch (Exception)
        {
            return Channel.CloseAsync();
        }

        // Whatever the notice's fate, the channel closes; a stuck notice must not keep it open.
        return Task.WhenAny(shutdown, Task.Delay(TimeSpan.FromSeconds(2)))
            .ContinueWith(_ => Channel.CloseAsync(), TaskScheduler.Default)
            .Unwrap();
    }

    /// <summary>Marks the reason of a close that happens for other causes (peer reset, send failure).</summary>
    public void NoteCloseReason(string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 0)
        {
            CloseReason = reason;
        }
    }
}
