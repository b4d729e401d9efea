using System.Net;
using DotNetty.Transport.Bootstrapping;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Sockets;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Logging;
using EStreamer.Emulator.Pipeline;
using EStreamer.Emulator.Sessions;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Server;

/// <summary>
/// The running eStreamer service: a DotNetty server on the configured address and port, the sessions it
/// holds, and the service switch (disabling closes every session silently and stops listening, as the
/// management center does when its eStreamer service goes down).
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable, IServiceControl
{
    private readonly EmulatorOptions _options;
    private readonly ILogger _logger;
    private readonly ServerBootstrap _bootstrap;
    private readonly SemaphoreSlim _switch = new(1, 1);
    private readonly EStreamerChannelInitializer _initializer;
    private readonly CancellationTokenSource _stopping = new();
    private IChannel? _listener;
    private volatile bool _enabled;

    private EmulatorServer(EmulatorOptions options, EmulatorData data, IEventSource source, ILoggerFactory loggers, FaultSchedule faults)
    {
        _options = options;
        Faults = faults;
        _logger = loggers.CreateLogger("EStreamer.Emulator");
        Source = source;
        Data = data;
        _bootstrap = new ServerBootstrap()
            .Group(EventLoops.Acceptor, EventLoops.Workers)
            .Channel<TcpServerSocketChannel>()
            .Option(ChannelOption.SoBacklog, 128)
            .Option(ChannelOption.SoReuseaddr, true)
            // The back-off resumes accepting on the real clock: a test's fake clock must never leave the port paused.
            .Handler(new ActionChannelInitializer<IChannel>(listener => listener.Pipeline.AddLast("accept-backoff", new AcceptBackoffHandler(_logger, TimeProvider.System))))
            .ChildOption(ChannelOption.TcpNodelay, true)
            .ChildOption(ChannelOption.WriteBufferHighWaterMark, options.WriteBufferHighWaterMark)
            .ChildOption(ChannelOption.WriteBufferLowWaterMark, options.WriteBufferLowWaterMark)
            .ChildHandler(_initializer = new EStreamerChannelInitializer(options, data, source, Sessions, _logger, () => _enabled, () => Faults, this));
    }

    public SessionRegistry Sessions { get; } = new();

    public IEventSource Source { get; }

    public EmulatorData Data { get; }

    /// <summary>The port actually bound (useful with port 0).</summary>
    public int Port { get; private set; }

    public IPAddress Address => _options.BindAddress;

    public bool ServiceEnabled => _enabled;

    /// <summary>True while the eStreamer port accepts connections (what a readiness check asks).</summary>
    public bool Listening => _listener is { Active: true };

    public EmulatorOptions Options => _options;

    /// <summary>The scripted faults new sessions arm; replaced when another scenario is loaded.</summary>
    public FaultSchedule Faults { get; private set; }

    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, EmulatorData data, IEventSource source, ILoggerFactory loggers, FaultSchedule? faults = null)
    {
        var server = new EmulatorServer(options, data, source, loggers, faults ?? FaultSchedule.None);
        try
        {
            await server.BindAsync(options.Port).ConfigureAwait(false);
            server.ArmServerFaults();
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Disconnect rule: the service going down closes every client without an Error (reference 7.3).</summary>
    public async Task DisableServiceAsync()
    {
        await _switch.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_enabled)
            {
                return;
            }

            _enabled = false;
            var live = Sessions.LiveHandlers.ToArray();
            Log.ServiceDisabled(_logger, live.Length);
            if (_listener is { } listener)
            {
                await listener.CloseAsync().ConfigureAwait(false);
                _listener = null;
            }

            foreach (var session in live)
            {
                session.Close("service disabled");
            }
        }
        finally
        {
            _switch.Release();
        }
    }

    public async Task EnableServiceAsync()
    {
        await _switch.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_enabled)
            {
                await BindAsync(Port).ConfigureAwait(false);
            }
        }
        finally
        {
            _switch.Release();
        }
    }

    /// <summary>Faults of a newly loaded scenario: sessions opened from now on arm them, server-wide ones get timers.</summary>
    public void ReplaceFaults(FaultSchedule faults)
    {
        Faults = faults;
        ArmServerFaults();
    }

    public void RefuseNextConnections(int count)
    {
        Log.ServiceFault(_logger, $"refusing the next {count} connections");
        _initializer.RefuseNext(count);
    }

    /// <summary>Fires a fault in one live session now; false when no such session is open.</summary>
    public bool InjectFault(uint sessionId, Fault fault)
    {
        if (fault.IsServerWide)
        {
            RunServerFault(fault);
            return true;
        }

        var session = Sessions.LiveHandlers.FirstOrDefault(s => s.Id == sessionId);
        return session is not null && session.InjectFault(fault);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _enabled = false;
        if (_listener is { } listener)
        {
            await listener.CloseAsync().ConfigureAwait(false);
        }

        // Every connection closed and gone; the event loops stay for the process (see EventLoops).
        await CloseSessionsAsync("server stopping").ConfigureAwait(false);
        _switch.Dispose();
        _stopping.Dispose();
    }

    /// <summary>
    /// Closes every live session and waits (at most 5 s) until each close has reached every session observer, so
    /// that nothing a closing session reports (its conformance report, its journal entry) comes after the caller
    /// goes on. Returns how many sessions it closed.
    /// </summary>
    internal async Task<int> CloseSessionsAsync(string reason, CancellationToken cancellation = default)
    {
        var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = new HashSet<uint>();
        void OnClosed(SessionInfo session)
        {
            lock (pending)
            {
                if (pending.Remove(session.Id) && pending.Count == 0)
                {
                    reported.TrySetResult();
                }
            }
        }

        // Listening before the sessions are listed: every session listed reports its close after this.
        Sessions.SessionClosed += OnClosed;
        try
        {
            var live = Sessions.LiveHandlers.ToArray();
            lock (pending)
            {
                pending.UnionWith(live.Select(s => s.Id));
                if (pending.Count == 0)
                {
                    reported.TrySetResult();
                }
            }

            foreach (var session in live)
            {
                session.Close(reason);
            }

            try
            {
                await reported.Task.WaitAsync(TimeSpan.FromSeconds(5), cancellation).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A channel that does not close in time is torn down with its event loop.
            }

            return live.Length;
        }
        finally
        {
            Sessions.SessionClosed -= OnClosed;
        }
    }

    private void ArmServerFaults()
    {
        foreach (var fault in Faults.TimedServerFaults)
        {
            var delay = Faults.Start + fault.At!.Value - _options.Time.GetUtcNow();
            _ = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, _options.Time, _stopping.Token)
                .ContinueWith(_ => RunServerFault(fault), _stopping.Token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
    }

    private void RunServerFault(Fault fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.RefuseConnections:
                RefuseNextConnections(fault.Count ?? 1);
                break;
            case FaultKind.DisableService:
                Log.ServiceFault(_logger, "disabled");
                _ = DisableServiceAsync();
                if (fault.Duration is { } off)
                {
                    _ = Task.Delay(off, _options.Time, _stopping.Token).ContinueWith(
                        _ =>
                        {
                            Log.ServiceFault(_logger, "enabled again");
                            return EnableServiceAsync();
                        },
                        _stopping.Token,
                        TaskContinuationOptions.OnlyOnRanToCompletion,
                        TaskScheduler.Default);
                }

                break;
        }
    }

    private async Task BindAsync(int port)
    {
        _listener = await _bootstrap.BindAsync(_options.BindAddress, port).ConfigureAwait(false);
        Port = ((IPEndPoint)_listener.LocalAddress).Port;

        // Enabled only once the port accepts: whoever sees the service enabled can connect.
        _enabled = true;
        Log.Listening(_logger, _options.BindAddress, Port);
    }
}
