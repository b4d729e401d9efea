using System.Net;
using System.Net.Sockets;
using EStreamer.Emulator.Control;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Hosting;
using EStreamer.Emulator.Server;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Tests.Hosting;

/// <summary>The one host every entry point uses: its parts on 127.0.0.1, a given data folder and logger, and an ordered stop.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
[Parallelizable(ParallelScope.All)] // every test gets its own instance and data folder
public sealed class EmulatorHostTests
{
    private string _directory = null!;

    [SetUp]
    public void Folder() => _directory = TestFolders.NewPath();

    /// <summary>
    /// A copy of the run's CA, server certificate and peer for tests that are not about creating the folder:
    /// RSA key generation is the slowest part of a start.
    /// </summary>
    private void UseTemplateFolder() => TestDataFolder.CopyInto(_directory);

    [TearDown]
    public void RemoveFolder() => TestFolders.Remove(_directory);

    [Test]
    public void Built_in_history_larger_than_the_journal_is_refused_at_start()
    {
        UseTemplateFolder();
        var options = new EmulatorHostOptions
        {
            Server = new EmulatorOptions { DataDirectory = _directory, Port = 0, EventsPerSecond = 0, HistoryEvents = 300, JournalCapacity = 200 },
            ControlApi = false,
            BuiltInTraffic = true,
        };

        Assert.That(
            async () => await EmulatorHost.StartAsync(options),
            Throws.ArgumentException.With.Message.Contains("asks for 300 history events, more than the journal holds (200)"));
    }

    [Test]
    public async Task The_journal_takes_its_capacity_from_the_options_and_holds_fitting_history_whole()
    {
        UseTemplateFolder();
        await using var host = await EmulatorHost.StartAsync(new EmulatorHostOptions
        {
            Server = new EmulatorOptions { DataDirectory = _directory, Port = 0, EventsPerSecond = 0, HistoryEvents = 50, JournalCapacity = 500 },
            ControlApi = false,
            BuiltInTraffic = true,
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(host.Journal.Capacity, Is.EqualTo(500));
            Assert.That(host.Journal.Count, Is.GreaterThan(0));
            Assert.That(host.Journal.Dropped, Is.Zero);
        }
    }

    [Test]
    public async Task Starts_every_part_with_the_callers_folder_logger_and_journal_then_stops_them()
    {
        using var logs = new CapturingLoggerProvider();
        var host = await EmulatorHost.StartAsync(new EmulatorHostOptions
        {
            Server = new EmulatorOptions { DataDirectory = _directory, BindAddress = IPAddress.Loopback, Port = 0 },
            Control = new ControlOptions { Port = 0, BindAddress = IPAddress.Loopback },
            PrepareData = data => data.AddPeer("127.0.0.1", "secret"),
            Fill = journal =>
            {
                for (uint id = 1; id <= 5; id++)
                {
                    journal.Append(1_800_000_000 + id, new EStreamer.Protocol.Records.Intrusion.IntrusionEventRecord { EventId = id }, []);
                }
            },
            Logging = logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs),
        });
        int serverPort, controlPort;
        try
        {
            serverPort = host.Server.Port;
            controlPort = host.ControlServer!.Port;
            using var http = new HttpClient { BaseAddress = host.ControlServer.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            using var health = await http.GetAsync("healthz");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(host.Data.Directory, Is.EqualTo(_directory));
                Assert.That(host.Data.Peers.List().Select(p => p.Host), Is.EqualTo(new[] { "127.0.0.1" }));
                Assert.That(host.Journal.Count, Is.EqualTo(5), "the journal holds what Fill put there and nothing else");
                Assert.That(host.Traffic.Scenario, Is.Null);
                Assert.That(host.Control, Is.Not.Null);
                Assert.That(serverPort, Is.GreaterThan(0));
                Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(logs.Lines.Select(l => l.Line), Has.Some.Contains($"listening on 127.0.0.1:{serverPort}"));
            }
        }
        finally
        {
            await host.DisposeAsync();
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => Connect(serverPort), Throws.InstanceOf<SocketException>(), "the eStreamer port is closed");
            Assert.That(() => Connect(controlPort), Throws.InstanceOf<SocketException>(), "the control port is closed");
        }
    }

    [Test]
    public async Task A_scenario_started_in_the_past_has_its_history_in_the_journal()
    {
        UseTemplateFolder();
        var scenario = ScenarioLoader.LoadText(
            """
            name: past
            seed: 3
            traffic:
              - name: steady
                families: [connection]
                rate: 10
                duration: forever
                packets: false
            """,
            "past.yaml");
        await using var host = await EmulatorHost.StartAsync(new EmulatorHostOptions
        {
            Server = new EmulatorOptions { DataDirectory = _directory, BindAddress = IPAddress.Loopback, Port = 0 },
            Scenario = scenario,
            ScenarioStart = DateTimeOffset.UtcNow.AddMinutes(-1),
        });

        // The journal says when it grows; the test waits for the 500th event, not on a poll.
        var filled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnAppended()
        {
            if (host.Journal.Count >= 500)
            {
                filled.TrySetResult();
            }
        }

        host.Journal.Appended += OnAppended;
        OnAppended();
        try
        {
            await filled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            host.Journal.Appended -= OnAppended;
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(host.Journal.Count, Is.GreaterThanOrEqualTo(500), "a minute of history at 10 events/s");
            Assert.That(host.Control, Is.Null, "no control options, no control");
            Assert.That(host.ControlServer, Is.Null);
        }
    }

    [Test]
    public async Task A_stop_request_is_seen_by_whoever_waits_for_it()
    {
        UseTemplateFolder();
        await using var host = await EmulatorHost.StartAsync(new EmulatorHostOptions
        {
            Server = new EmulatorOptions { DataDirectory = _directory, BindAddress = IPAddress.Loopback, Port = 0 },
        });
        var waiting = host.WaitForStopRequestAsync();
        Assert.That(waiting.IsCompleted, Is.False);

        host.RequestStop();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(host.StopRequested.IsCancellationRequested, Is.True);
    }

    [Test]
    public async Task A_port_in_use_fails_the_start_and_leaves_the_folder_free_for_the_next_host()
    {
        UseTemplateFolder();
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        Assert.That(
            async () => await EmulatorHost.StartAsync(new EmulatorHostOptions
            {
                Server = new EmulatorOptions { DataDirectory = _directory, BindAddress = IPAddress.Loopback, Port = port },
            }),
            Throws.Exception);

        await using var next = await EmulatorHost.StartAsync(new EmulatorHostOptions
        {
            Server = new EmulatorOptions { DataDirectory = _directory, BindAddress = IPAddress.Loopback, Port = 0 },
        });
        Assert.That(next.Server.Port, Is.Not.EqualTo(port));
    }

    [Test]
    public async Task A_broken_peer_database_fails_the_start_with_its_own_error_while_the_traffic_starts_beside_it()
    {
        UseTemplateFolder();
        var peers = Path.Combine(_directory, "peers.yaml");
        var good = await File.ReadAllTextAsync(peers);
        await File.WriteAllTextAsync(peers, "peers: [unclosed\n");
        EmulatorHostOptions Options() => new()
        {
            Server = new EmulatorOptions { DataDirectory = _directory, BindAddress = IPAddress.Loopback, Port = 0, EventsPerSecond = 1000, HistoryEvents = 5000 },
            ControlApi = false,
            BuiltInTraffic = true,
        };

        Assert.That(
            async () => await EmulatorHost.StartAsync(Options()),
            Throws.InstanceOf<EStreamer.Emulator.Peers.PeerDatabaseException>().With.Message.Contains(peers));

        // Nothing of the failed start is left holding the folder: the next host on it starts.
        await File.WriteAllTextAsync(peers, good);
        await using var next = await EmulatorHost.StartAsync(Options());
        Assert.That(next.Journal.Count, Is.GreaterThanOrEqualTo(5000));
    }

    private static void Connect(int port)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
    }
}
