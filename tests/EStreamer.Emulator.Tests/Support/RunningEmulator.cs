using System.Net;
using System.Security.Cryptography.X509Certificates;
using EStreamer.Client;
using EStreamer.Emulator.Control;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Hosting;
using EStreamer.Emulator.Peers;
using EStreamer.Emulator.Scenarios;
using EStreamer.Emulator.Server;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>
/// The emulator as tests meet it, started through <see cref="EmulatorHost"/> as `serve` and the fixture
/// start it: a fresh data folder (a copy of the run's CA, server certificate and 127.0.0.1 peer), a journal
/// the test fills or a scenario, and the server on 127.0.0.1 with port 0. With a control configuration it
/// also runs the control API on 127.0.0.1, port 0, and gives an <see cref="HttpClient"/> pointed at it.
/// Disposing stops everything, deletes the folder and fails the test if the server logged an
/// "estreamer error" line the test did not declare expected.
/// </summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    public const string PeerPassword = "test-password";

    private readonly List<string> _expectedErrors = [];
    private readonly EmulatorHost _host;

    private RunningEmulator(string directory, EmulatorHost host, CapturingLoggerProvider logs)
    {
        Directory = directory;
        _host = host;
        Logs = logs;
        Peer = host.Data.Peers.FindByHost(IPAddress.Loopback.ToString())!;
        ClientCertificate = X509CertificateLoader.LoadPkcs12FromFile(Peer.Pkcs12File!, PeerPassword);
        if (host.ControlServer is { } control)
        {
            Http = new HttpClient { BaseAddress = control.BaseAddress, Timeout = TestClient.DefaultTimeout };
        }
    }

    public string Directory { get; }

    public EmulatorData Data => _host.Data;

    public EventJournal Journal => _host.Journal;

    public EmulatorServer Server => _host.Server;

    public CapturingLoggerProvider Logs { get; }

    public Peer Peer { get; }

    /// <summary>The 127.0.0.1 peer's certificate, loaded from the PKCS#12 file the emulator wrote.</summary>
    public X509Certificate2 ClientCertificate { get; }

    public int Port => Server.Port;

    public EmulatorControl? Control => _host.Control;

    public ControlServer? ControlServer => _host.ControlServer;

    /// <summary>What POST /scenario replaces.</summary>
    public TrafficHost Traffic => _host.Traffic;

    /// <summary>A client of the control API (no token set on it); null without a control configuration.</summary>
    public HttpClient? Http { get; }

    /// <summary>The emulator playing a scenario compiled for <paramref name="start"/> (earlier than now shifts its timeline into history).</summary>
    public static Task<RunningEmulator> StartAsync(EStreamer.Scenarios.Model.Scenario scenario, DateTimeOffset start, Action<EmulatorOptions>? configure = null) =>
        StartAsync(configure, scenario: scenario, scenarioStart: start);

    public static Task<RunningEmulator> StartAsync(Action<EmulatorOptions>? configure = null, Action<EventJournal>? fill = null, Action<ControlOptions>? control = null, FaultSchedule? faults = null) =>
        StartAsync(configure, fill, control, faults, scenario: null, scenarioStart: null);

    private static async Task<RunningEmulator> StartAsync(
        Action<EmulatorOptions>? configure = null,
        Action<EventJournal>? fill = null,
        Action<ControlOptions>? control = null,
        FaultSchedule? faults = null,
        EStreamer.Scenarios.Model.Scenario? scenario = null,
        DateTimeOffset? scenarioStart = null)
    {
        var directory = TestFolders.NewPath();
        TestDataFolder.CopyInto(directory);
        var options = new EmulatorOptions
        {
            DataDirectory = directory,
            BindAddress = IPAddress.Loopback,
            Port = 0,
            EventsPerSecond = 0,
            HistoryEvents = 0,
        };
        configure?.Invoke(options);
        ControlOptions? controlOptions = null;
        if (control is not null)
        {
            controlOptions = new ControlOptions { Port = 0, BindAddress = IPAddress.Loopback };
            control(controlOptions);
        }

        var logs = new CapturingLoggerProvider();
        var host = await EmulatorHost.StartAsync(new EmulatorHostOptions
        {
            Server = options,
            Control = controlOptions,
            Scenario = scenario,
            ScenarioStart = scenarioStart,
            Faults = faults,
            Fill = fill,
            Logging = logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs),
        });
        return new RunningEmulator(directory, host, logs);
    }

    /// <summary>Declares that an "estreamer error" line containing <paramref name="fragment"/> is part of the test.</summary>
    public void ExpectError(string fragment) => _expectedErrors.Add(fragment);

    /// <summary>A client of this emulator (the 127.0.0.1 peer's certificate unless another is given) that acknowledges only when the test says so.</summary>
    public Task<EStreamerClient> ConnectAsync(X509Certificate2? certificate = null, IPAddress? local = null, System.Security.Authentication.SslProtocols protocols = System.Security.Authentication.SslProtocols.Tls12) =>
        TestClient.ConnectAsync(Port, certificate ?? ClientCertificate, local, protocols);

    /// <summary>Waits (bounded) until the server shows a session matching <paramref name="predicate"/>.</summary>
    public async Task<EStreamer.Emulator.Sessions.SessionInfo> WaitForSessionAsync(Func<EStreamer.Emulator.Sessions.SessionInfo, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TestClient.DefaultTimeout);
        while (DateTime.UtcNow < deadline)
        {
            var match = Server.Sessions.Live.Concat(Server.Sessions.Closed).FirstOrDefault(predicate);
            if (match is not null)
            {
                return match;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("no session matched");
    }

    /// <summary>
    /// Reads and acknowledges bundles of the newest session until the server reports it has read all its
    /// source holds and the client has every bundle it sent: no quiet window, the server says when.
    /// </summary>
    public async Task<List<EStreamer.Protocol.Messages.MessageBundle>> ReadBundlesUntilCaughtUpAsync(EStreamerClient client)
    {
        var id = Server.Sessions.Live.Concat(Server.Sessions.Closed).Max(s => s.Id);
        var bundles = new List<EStreamer.Protocol.Messages.MessageBundle>();
        while (true)
        {
            var info = await WaitForSessionAsync(s => s.Id == id
                && (s.BundlesSent > bundles.Count || s.State == EStreamer.Emulator.Sessions.SessionState.Closed
                    || (s.CaughtUp && s.State == EStreamer.Emulator.Sessions.SessionState.Streaming)));
            if (info.BundlesSent <= bundles.Count)
            {
                return bundles;
            }

            bundles.Add(await client.ReceiveAsync<EStreamer.Protocol.Messages.MessageBundle>());
            await client.SendAsync(EStreamer.Protocol.Messages.NullMessage.Instance);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        await _host.DisposeAsync();
        ClientCertificate.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }

        var unexpected = Logs.Lines
            .Where(l => l.Line.Contains("estreamer error", StringComparison.Ordinal))
            .Where(l => !_expectedErrors.Any(e => l.Line.Contains(e, StringComparison.Ordinal)))
            .Select(l => l.Line)
            .ToArray();
        if (unexpected.Length > 0)
        {
            Assert.Fail("the server logged errors the test did not expect:\n" + string.Join("\n", unexpected));
        }
    }
}
