using System.Net;
using System.Net.Sockets;
using EStreamer.Emulator.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Control;

/// <summary>
/// The control API: an HTTP server (Kestrel, minimal APIs) on its own port, next to the eStreamer port,
/// over an <see cref="EmulatorControl"/>. Built from an empty host so that no ASPNETCORE_* variable,
/// appsettings file or console lifetime changes what `serve` was told. Port 0 binds a free port; <see cref="Port"/>
/// is the one bound.
/// </summary>
public sealed partial class ControlServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ControlServer(WebApplication app, EmulatorControl control, IPAddress address, int port)
    {
        _app = app;
        Control = control;
        Address = address;
        Port = port;
    }

    public EmulatorControl Control { get; }

    public IPAddress Address { get; }

    public int Port { get; }

    /// <summary>Where a client on this machine reaches the API (loopback when bound to every interface).</summary>
    public Uri BaseAddress
    {
        get
        {
            var host = Address.Equals(IPAddress.Any) ? IPAddress.Loopback
                : Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
                : Address;
            return new Uri($"http://{HostText(host)}:{Port}/");
        }
    }

    public static async Task<ControlServer> StartAsync(
        ControlOptions options,
        EmulatorControl control,
        ILoggerFactory loggers,
        IEnumerable<IControlEndpoints>? extensions = null,
        CancellationToken cancellation = default)
    {
        var logger = loggers.CreateLogger("EStreamer.Emulator");
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ControlServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.BindAddress, options.Port);
        });
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggers));
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        // ControlExceptionHandler writes the one line about a failed request; the middleware's own would repeat it.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogLevel.None);

        // A failed start (port taken) comes back as one exception below; the host's stack-trace log line would repeat it.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.AddSingleton<IHostLifetime, Hosting.QuietLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddRouting();
        AddLimits(builder, options);
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<IExceptionHandler>(new ControlExceptionHandler(logger));
        builder.Services.Configure<JsonOptions>(json => ControlJson.Configure(json.SerializerOptions));
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "EStreamer Emulator control API";
            document.Info.Description = "Sessions, the session journal, conformance reports, reset, the service switch and metrics of a running eStreamer emulator.";
            return Task.CompletedTask;
        }));

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (options.Token is { Length: > 0 } token)
        {
            app.Use(RequireToken(token, logger));
        }

        app.UseRateLimiter();

        var started = DateTimeOffset.UtcNow;
        MapEndpoints(app, control, started);
        foreach (var extension in extensions ?? [])
        {
            extension.Map(app, control);
        }

        try
        {
            await app.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (IOException failure)
        {
            await app.DisposeAsync().ConfigureAwait(false);

            // No inner exception: `serve` prints the innermost message, which alone ("Address already in use") names no port.
            throw new IOException(
                $"control API cannot listen on {HostText(options.BindAddress)}:{options.Port}: {failure.GetBaseException().Message} (--control-port N picks another port, 0 turns the API off)");
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Select(address => new Uri(address).Port)
            .First();
        var server = new ControlServer(app, control, options.BindAddress, bound);
        Log.ControlListening(logger, HostText(options.BindAddress) + $":{bound}", options.Token is { Length: > 0 } ? " (bearer token required)" : string.Empty);
        return server;
    }

    private static string HostText(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
