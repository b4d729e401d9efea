using System.Net;
using System.Security.Cryptography.X509Certificates;
using EStreamer.Emulator.Conformance;
using EStreamer.Emulator.Control;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Scenarios;
using EStreamer.Emulator.Server;
using EStreamer.Emulator.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EStreamer.Emulator.Fixture;

/// <summary>
/// The eStreamer emulator inside a test process: a new data folder (CA, server certificate, one registered
/// client whose PKCS#12 is <see cref="ClientPkcs12"/>), the server on 127.0.0.1 with a free port, and
/// optionally the HTTP control API. Sessions, the session journal, conformance reports, reset and the service
/// switch are available directly. Disposing stops everything and deletes the folder.
/// </summary>
public sealed class EmulatorFixture : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly EmulatorData _data;
    private readonly ControlServer? _controlServer;
    private readonly bool _keepDataDirectory;

    private EmulatorFixture(EmulatorData data, EmulatorServer server, EmulatorControl control, ControlServer? controlServer, EventJournal journal, byte[] pkcs12, string password, string pkcs12Path, bool keep)
    {
        _data = data;
        Server = server;
        Control = control;
        _controlServer = controlServer;
        Journal = journal;
        ClientPkcs12 = pkcs12;
        ClientPassword = password;
        ClientPkcs12Path = pkcs12Path;
        _keepDataDirectory = keep;
    }

    /// <summary>Where clients connect: always 127.0.0.1.</summary>
    public string Host => IPAddress.Loopback.ToString();

    /// <summary>The eStreamer (TLS) port.</summary>
    public int Port => Server.Port;

    /// <summary>The HTTP control API's port; 0 when <see cref="EmulatorFixtureOptions.ControlApi"/> is off.</summary>
    public int ControlPort => _controlServer?.Port ?? 0;

    /// <summary>The control API's base address (http://127.0.0.1:PORT/), or null when it is off.</summary>
    public Uri? ControlUri => _controlServer?.BaseAddress;

    public string DataDirectory => _data.Directory;

    /// <summary>The registered client's PKCS#12 (certificate and key), protected by <see cref="ClientPassword"/>.</summary>
    public byte[] ClientPkcs12 { get; }

    public string ClientPassword { get; }

    /// <summary>The same PKCS#12 as a file, for clients that want a path.</summary>
    public string ClientPkcs12Path { get; }

    /// <summary>The emulator CA's certificate (PEM), to trust the server certificate if your client checks it.</summary>
    public string CaCertificatePath => _data.CaCertificatePath;

    /// <summary>The events sessions stream from; append to it at any time, sessions pick new events up.</summary>
    public EventJournal Journal { get; }

    public EmulatorServer Server { get; }

    public EmulatorControl Control { get; }

    /// <summary>Live sessions and the most recent closed ones.</summary>
    public IReadOnlyList<SessionInfo> Sessions => Control.Sessions();

    /// <summary>Final conformance reports of closed sessions, oldest first.</summary>
    public IReadOnlyList<ConformanceReport> ConformanceReports => Control.Conformance.Reports;

    public static async Task<EmulatorFixture> StartAsync(EmulatorFixtureOptions? options = null, Action<EventJournal>? fill = null)
    {
        options ??= new EmulatorFixtureOptions();
        var loggers = options.Loggers ?? NullLoggerFactory.Instance;
        var directory = Path.Combine(Path.GetTempPath(), "estreamer-fixture", Guid.NewGuid().ToString("N"));
        var data = EmulatorData.OpenOrCreate(directory);
        EmulatorServer? server = null;
        EmulatorControl? control = null;
        TrafficHost? traffic = null;
        try
        {
            var peer = data.AddPeer(options.PeerHost, options.ClientPassword);
            var emulatorOptions = new EmulatorOptions { EventsPerSecond = 0, HistoryEvents = 0 };
            options.Configure?.Invoke(emulatorOptions);

            // Whatever Configure said: a test fixture listens on loopback, on a free port, in its own folder.
            emulatorOptions.BindAddress = IPAddress.Loopback;
            emulatorOptions.Port = 0;
            emulatorOptions.DataDirectory = directory;

            var journal = new EventJournal();
            traffic = new TrafficHost(journal, emulatorOptions, loggers);
            var faults = options.Scenario is { } scenario ? await traffic.PlayAsync(scenario).ConfigureAwait(false) : FaultSchedule.None;
            fill?.Invoke(journal);
            server = await EmulatorServer.StartAsync(emulatorOptions, data, journal, loggers, faults).ConfigureAwait(false);
            var controlOptions = new ControlOptions
            {
                Port = 0,
                BindAddress = IPAddress.Loopback,
                Token = options.ControlToken,
                JournalEntries = options.JournalEntries,
            };
            control = new EmulatorControl(server, journal, controlOptions, loggers);
            var controlServer = options.ControlApi ? await ControlServer.StartAsync(controlOptions, control, loggers, [new ScenarioEndpoints(traffic)]).ConfigureAwait(false) : null;
            var pkcs12 = await File.ReadAllBytesAsync(peer.Pkcs12File!).ConfigureAwait(false);
            return new EmulatorFixture(data, server, control, controlServer, journal, pkcs12, peer.Password!, peer.Pkcs12File!, options.KeepDataDirectory)
            {
                Traffic = traffic,
            };
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            if (control is not null)
            {
                await control.DisposeAsync().ConfigureAwait(false);
            }

            if (traffic is not null)
            {
                await traffic.DisposeAsync().ConfigureAwait(false);
            }

            data.Dispose();
            DeleteDirectory(directory);
            throw;
        }
    }

    /// <summary>The client certificate with its key, ready for SslStream's ClientCertificates.</summary>
    public X509Certificate2 LoadClientCertificate() => X509CertificateLoader.LoadPkcs12(ClientPkcs12, ClientPassword);

    /// <summary>Client messages and server decisions, oldest first; of one session if given.</summary>
    public IReadOnlyList<JournalEntry> Messages(uint? session = null) => Control.Journal.Read(session);

    /// <summary>What feeds the journal; <see cref="PlayScenarioAsync"/> replaces it.</summary>
    public TrafficHost Traffic { get; private init; } = null!;

    /// <summary>Plays a scenario from now, replacing what played (as POST /scenario does).</summary>
    public Task PlayScenarioAsync(EStreamer.Scenarios.Scenario scenario) => Traffic.PlayAsync(scenario, Server);

    /// <summary>Closes every session silently and clears the journal, conformance reports and event journal.</summary>
    public Task ResetAsync() => Control.ResetAsync();

    /// <summary>The service switch: false closes every client without an Error and refuses new ones.</summary>
    public Task SetServiceEnabledAsync(bool enabled) => Control.SetServiceEnabledAsync(enabled);

    /// <summary>Waits (bounded) for a session matching <paramref name="predicate"/>, live or closed.</summary>
    public async Task<SessionInfo> WaitForSessionAsync(Func<SessionInfo, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            if (Sessions.FirstOrDefault(predicate) is { } match)
            {
                return match;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no session matched within {timeout ?? DefaultTimeout}");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Waits (bounded) for a final conformance report matching <paramref name="predicate"/> (any, when null).</summary>
    public async Task<ConformanceReport> WaitForConformanceAsync(Func<ConformanceReport, bool>? predicate = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            if (ConformanceReports.FirstOrDefault(predicate ?? (_ => true)) is { } match)
            {
                return match;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no conformance report matched within {timeout ?? DefaultTimeout}; sessions: {string.Join(", ", Sessions.Select(s => $"{s.Id} {s.State}"))}");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_controlServer is not null)
        {
            await _controlServer.DisposeAsync().ConfigureAwait(false);
        }

        await Traffic.DisposeAsync().ConfigureAwait(false);
        await Server.DisposeAsync().ConfigureAwait(false);
        await Control.DisposeAsync().ConfigureAwait(false);
        _data.Dispose();
        if (!_keepDataDirectory)
        {
            DeleteDirectory(_data.Directory);
        }
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            // A temp folder left behind is not worth failing a test run over.
        }
    }
}
