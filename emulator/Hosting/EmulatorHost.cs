using EStreamer.Emulator.Control;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Logging;
using EStreamer.Emulator.Scenarios;
using EStreamer.Emulator.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Hosting;

/// <summary>
/// The whole emulator on the .NET Generic Host: logging, the data folder, the event journal, the traffic, the
/// eStreamer server and the control API, started in one call and stopped in the right order. The executable's
/// `serve`, the test fixture and the emulator's own tests all start it through this one class.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly EmulatorService _service;
    private readonly IHostApplicationLifetime _lifetime;

    private EmulatorHost(IHost host, EmulatorService service, EmulatorHostOptions options)
    {
        _host = host;
        _service = service;
        _lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        Options = options;
    }

    public EmulatorHostOptions Options { get; }

    public ILoggerFactory Loggers => _service.Loggers;

    public EmulatorData Data => _service.Data!;

    /// <summary>The events sessions stream from.</summary>
    public EventJournal Journal => _service.Journal!;

    /// <summary>What feeds the journal; POST /scenario replaces what it plays.</summary>
    public TrafficHost Traffic => _service.Traffic!;

    public EmulatorServer Server => _service.Server!;

    /// <summary>Sessions journal, conformance, reset and the service switch; null without control options.</summary>
    public EmulatorControl? Control => _service.Control;

    /// <summary>The HTTP control API; null when it is off.</summary>
    public ControlServer? ControlServer => _service.ControlServer;

    /// <summary>Cancelled once a stop is asked for: a signal (with <see cref="EmulatorHostOptions.HandleStopSignals"/>) or <see cref="RequestStop"/>.</summary>
    public CancellationToken StopRequested => _lifetime.ApplicationStopping;

    /// <summary>Starts every part; on failure whatever had started is stopped again before the exception leaves.</summary>
    public static async Task<EmulatorHost> StartAsync(EmulatorHostOptions options, CancellationToken cancellationToken = default)
    {
        // Before any DotNetty type binds its logger: its warnings and leak reports then reach the serve log.
        DotNettyLog.Install();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "estreamer-emulator",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        options.Logging?.Invoke(builder.Logging);
        if (options.HandleStopSignals)
        {
            builder.Services.Configure<ConsoleLifetimeOptions>(console => console.SuppressStatusMessages = true);
        }
        else
        {
            builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<EmulatorService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EmulatorService>());
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DisposeHostAsync(host).ConfigureAwait(false);
            throw;
        }

        return new EmulatorHost(host, host.Services.GetRequiredService<EmulatorService>(), options);
    }

    /// <summary>Asks the host to stop; whoever waits on <see cref="WaitForStopRequestAsync"/> then disposes it.</summary>
    public void RequestStop() => _lifetime.StopApplication();

    /// <summary>Completes when a stop is asked for (SIGINT/SIGTERM with <see cref="EmulatorHostOptions.HandleStopSignals"/>).</summary>
    public Task WaitForStopRequestAsync()
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = StopRequested.Register(() => stop.TrySetResult());
        return stop.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Stops every part in order (control API, traffic, server, control, data folder); later calls do nothing.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await DisposeHostAsync(_host).ConfigureAwait(false);
    }

    private static async ValueTask DisposeHostAsync(IHost host)
    {
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            host.Dispose();
        }
    }
}
