using System.Net;
using System.Security.Cryptography.X509Certificates;
using DotNetty.Common.Internal.Logging;
using EStreamer.Emulator.Control;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Scenarios;
using EStreamer.Emulator.Peers;
using EStreamer.Emulator.Server;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>
/// The emulator as tests meet it: a fresh data folder (CA, server certificate, a peer for 127.0.0.1 with
/// its PKCS#12 written to disk), a journal the test fills, and the server on 127.0.0.1 with port 0.
/// With a control configuration it also runs the control API on 127.0.0.1, port 0, and gives an
/// <see cref="HttpClient"/> pointed at it. Disposing stops both, deletes the folder and fails the test if
/// the server logged an "estreamer error" line the test did not declare expected.
/// </summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    public const string PeerPassword = "test-password";

    private readonly List<string> _expectedErrors = [];
    private readonly ILoggerFactory _loggers;
    private ScenarioPlayer? _player;

    private RunningEmulator(string directory, EmulatorData data, EventJournal journal, EmulatorServer server, CapturingLoggerProvider logs, ILoggerFactory loggers, Peer peer)
    {
        Directory = directory;
        Data = data;
        Journal = journal;
        Server = server;
        Logs = logs;
        _loggers = loggers;
        Peer = peer;
        ClientCertificate = X509CertificateLoader.LoadPkcs12FromFile(peer.Pkcs12File!, PeerPassword);
    }

    public string Directory { get; }

    public EmulatorData Data { get; }

    public EventJournal Journal { get; }

    public EmulatorServer Server { get; }

    public CapturingLoggerProvider Logs { get; }

    public Peer Peer { get; }

    /// <summary>The 127.0.0.1 peer's certificate, loaded from the PKCS#12 file the emulator wrote.</summary>
    public X509Certificate2 ClientCertificate { get; }

    public int Port => Server.Port;

    public EmulatorControl? Control { get; private set; }

    public ControlServer? ControlServer { get; private set; }

    /// <summary>What POST /scenario replaces; present with a control configuration.</summary>
    public TrafficHost? Traffic { get; private set; }

    /// <summary>A client of the control API (no token set on it); null without a control configuration.</summary>
    public HttpClient? Http { get; private set; }

    /// <summary>The emulator playing a scenario compiled for <paramref name="start"/> (earlier than now shifts its timeline into history).</summary>
    public static async Task<RunningEmulator> StartAsync(EStreamer.Scenarios.Scenario scenario, DateTimeOffset start, Action<EmulatorOptions>? configure = null)
    {
        var plan = scenario.Compile(start);
        ScenarioPlayer? player = null;
        var emulator = await StartAsync(
            options =>
            {
                ScenarioSource.Apply(scenario.Server, options);
                configure?.Invoke(options);
            },
            journal =>
            {
                player = new ScenarioPlayer(plan, journal);
                player.Start();
            },
            faults: ScenarioSource.Faults(plan));
        emulator._player = player;
        return emulator;
    }

    public static async Task<RunningEmulator> StartAsync(Action<EmulatorOptions>? configure = null, Action<EventJournal>? fill = null, Action<ControlOptions>? control = null, FaultSchedule? faults = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "estreamer-tests", Guid.NewGuid().ToString("N"));
        var data = TestDataFolder.CreateCopy(directory);
        var peer = data.Peers.FindByHost(IPAddress.Loopback.ToString())!;
        var options = new EmulatorOptions
        {
            DataDirectory = directory,
            BindAddress = IPAddress.Loopback,
            Port = 0,
            EventsPerSecond = 0,
            HistoryEvents = 0,
        };
        configure?.Invoke(options);
        var journal = new EventJournal();
        fill?.Invoke(journal);
        var logs = new CapturingLoggerProvider();
        var loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        var server = await EmulatorServer.StartAsync(options, data, journal, loggers, faults);
        var emulator = new RunningEmulator(directory, data, journal, server, logs, loggers, peer);
        if (control is not null)
        {
            var controlOptions = new ControlOptions { Port = 0, BindAddress = IPAddress.Loopback };
            control(controlOptions);
            emulator.Control = new EmulatorControl(server, journal, controlOptions, loggers);
            emulator.Traffic = new TrafficHost(journal, options, loggers);
            emulator.ControlServer = await ControlServer.StartAsync(controlOptions, emulator.Control, loggers, [new ScenarioEndpoints(emulator.Traffic)]);
            emulator.Http = new HttpClient { BaseAddress = emulator.ControlServer.BaseAddress, Timeout = TestClient.DefaultTimeout };
        }

        return emulator;
    }

    /// <summary>Declares that an "estreamer error" line containing <paramref name="fragment"/> is part of the test.</summary>
    public void ExpectError(string fragment) => _expectedErrors.Add(fragment);

    public Task<TestClient> ConnectAsync(X509Certificate2? certificate = null, IPAddress? local = null, System.Security.Authentication.SslProtocols protocols = System.Security.Authentication.SslProtocols.Tls12) =>
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
    public async Task<List<EStreamer.Protocol.Messages.MessageBundle>> ReadBundlesUntilCaughtUpAsync(TestClient client)
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
        if (ControlServer is not null)
        {
            await ControlServer.DisposeAsync();
        }

        if (_player is not null)
        {
            await _player.DisposeAsync();
        }

        if (Traffic is not null)
        {
            await Traffic.DisposeAsync();
        }

        await Server.DisposeAsync();
        if (Control is not null)
        {
            await Control.DisposeAsync();
        }

        Data.Dispose();
        ClientCertificate.Dispose();
        _loggers.Dispose();
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
