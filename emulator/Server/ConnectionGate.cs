using DotNetty.Transport.Channels;
using EStreamer.Emulator.Logging;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Server;

/// <summary>
/// The connection cap (<see cref="EmulatorOptions.MaxConnections"/>): counts open connections from accept to
/// close, handshakes included, and turns away those over the cap. One log line when the cap is reached and
/// one when it clears, whatever the number turned away in between.
/// </summary>
internal sealed class ConnectionGate
{
    private readonly int _limit;
    private readonly ILogger _logger;
    private readonly object _episode = new();
    private int _open;
    private bool _full;
    private long _refusedWhileFull;

    public ConnectionGate(int limit, ILogger logger)
    {
        _limit = limit;
        _logger = logger;
    }

    public int Open => Volatile.Read(ref _open);

    /// <summary>True when the channel may go on; it then counts until it closes.</summary>
    public bool TryAdmit(IChannel channel)
    {
        if (Interlocked.Increment(ref _open) > _limit)
        {
            Interlocked.Decrement(ref _open);
            lock (_episode)
            {
                _refusedWhileFull++;
                if (!_full)
                {
                    _full = true;
                    Log.ConnectionLimitReached(_logger, _limit);
                }
            }

            return false;
        }

        channel.CloseCompletion.ContinueWith(_ => Release(), TaskScheduler.Default);
        return true;
    }

    private void Release()
    {
        var open = Interlocked.Decrement(ref _open);
        lock (_episode)
        {
            if (_full && open < _limit)
            {
                _full = false;
                Log.ConnectionLimitCleared(_logger, _limit, _refusedWhileFull);
                _refusedWhileFull = 0;
            }
        }
    }
}
