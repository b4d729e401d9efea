using EStreamer.Client;
using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Scenarios;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Sessions.Events;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;
using Microsoft.Extensions.Time.Testing;

namespace EStreamer.Emulator.Tests.Scenarios;

/// <summary>
/// Every shipped scenario that scripts faults, against a client that reconnects like eNcore 5.2: connect,
/// open an extended stream from its bookmark, read and acknowledge until the server closes, resets or sends
/// what it cannot read, then connect again. Each scripted fault must fire; the test waits on the server's
/// fault events. The emulator runs on a fake clock: the test moves it to each timed fault's time, then
/// lets it run many times faster than the wall clock while the live traffic brings the counted faults.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class ReconnectingClientFaultTests
{
    private static readonly TimeSpan FaultTimeout = TimeSpan.FromSeconds(90);

    private static IEnumerable<string> FaultScenarios() =>
        ScenarioLoader.ExampleNames.Where(name => ScenarioLoader.LoadExample(name).Faults.Count > 0);

    [Test]
    public void Shipped_fault_scenarios_are_found()
    {
        Assert.That(FaultScenarios(), Is.SupersetOf(new[] { "unknown-records", "disconnect-mid-stream", "keepalive-gap", "duplicates-on-reconnect" }));
    }

    [TestCaseSource(nameof(FaultScenarios))]
    [Parallelizable(ParallelScope.Children)] // each case has its own emulator and waits on its scenario's live traffic
    public async Task Reconnecting_client_reaches_every_scripted_fault(string name)
    {
        var scenario = ScenarioLoader.LoadExample(name);
        var start = DateTimeOffset.UtcNow;
        var faults = ScenarioSource.Faults(scenario.Compile(start)).Faults;
        var clock = new FakeTimeProvider(start);
        await using var emulator = await RunningEmulator.StartAsync(scenario, start, options =>
        {
            options.Time = clock;

            // The clock runs fast below: a handshake slowed by a busy machine must not pass for a stuck one.
            options.HandshakeTimeout = TimeSpan.FromDays(1);
        });
        emulator.ExpectError("TLS handshake");
        var recorder = SessionEventRecorder.On(emulator);

        using var stop = new CancellationTokenSource();
        var client = Task.Run(() => ReconnectingClientAsync(emulator, stop.Token));
        FakeClockDriver? driver = null;
        try
        {
            // Timed faults in the order of their time, each once a session is streaming to see it.
            foreach (var timed in faults.Where(f => f.At is not null).OrderBy(f => f.At))
            {
                await emulator.WaitForSessionAsync(s => s.State == SessionState.Streaming && s.CloseReason is null, FaultTimeout);
                clock.Advance(start + timed.At!.Value - clock.GetUtcNow());
                await WaitForFaultAsync(recorder, timed);
            }

            // Counted faults come with the live traffic: a tenth of a second of it at a time, as fast as the client takes it.
            var counted = faults.Where(f => f.At is null).ToList();
            if (counted.Count > 0)
            {
                driver = FakeClockDriver.Start(emulator, clock, TimeSpan.FromMilliseconds(100));
            }

            foreach (var fault in counted)
            {
                await WaitForFaultAsync(recorder, fault);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await client;
            if (driver is not null)
            {
                await driver.DisposeAsync();
            }
        }

        // A fault scoped to connection N fires once, in the Nth streaming session (faults alike but for their
        // connection are told apart by the session's streaming number, which the server logs).
        foreach (var alike in faults.Where(f => f.Connection is not null).GroupBy(f => (f.Kind, Detail: f.Describe())))
        {
            var fired = recorder.Events.Where(e => Matches(e.Event, alike.First())).Select(e => e.Session).ToList();
            Assert.That(fired, Has.Count.EqualTo(alike.Count()), $"{alike.Key.Kind} ({alike.Key.Detail})");
            var numbers = fired.Select(session => StreamingNumber(emulator, session)).Order().ToList();
            Assert.That(numbers, Is.EqualTo(alike.Select(f => f.Connection!.Value).Order().ToList()), $"{alike.Key.Kind} fired in the streaming sessions it names");
        }
    }

    private static int? StreamingNumber(RunningEmulator emulator, uint session)
    {
        var prefix = $"session {session} is streaming session ";
        var line = emulator.Logs.Lines.Select(l => l.Line).FirstOrDefault(l => l.Contains(prefix, StringComparison.Ordinal));
        return line is null ? null : int.Parse(line[(line.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..].Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitForFaultAsync(SessionEventRecorder recorder, Fault fault)
    {
        try
        {
            await recorder.WaitForAsync<FaultFired>(f => f.Kind == fault.Kind && f.Detail == fault.Describe(), FaultTimeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{fault.Kind} ({fault.Describe()}, connection {fault.Connection?.ToString() ?? "any"}) never fired");
        }
    }

    private static bool Matches(SessionEvent e, Fault fault) => e is FaultFired f && f.Kind == fault.Kind && f.Detail == fault.Describe();

    /// <summary>Reads from its bookmark (the highest archive timestamp seen) until the session ends, then reconnects.</summary>
    private static async Task ReconnectingClientAsync(RunningEmulator emulator, CancellationToken stop)
    {
        // Patient reads, as eNcore's are while bytes keep coming: a bundle under a 2 KB/s slow drip takes seconds.
        var options = new EStreamerClientOptions
        {
            Host = "127.0.0.1",
            Port = emulator.Port,
            ClientCertificate = emulator.ClientCertificate,
            ReadTimeout = TimeSpan.FromSeconds(60),
        };
        uint bookmark = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var client = await EStreamerClient.ConnectAsync(options, stop);
                await client.OpenStreamAsync(StreamRequest.Encore52(bookmark), stop);
                await foreach (var record in client.ReadRecordsAsync(stop))
                {
                    bookmark = Math.Max(bookmark, record.Data.ArchiveTimestamp);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure) when (failure is EStreamerClientException or IOException or OperationCanceledException)
            {
                // Closed, reset, refused or unreadable: the client connects again, as eNcore does.
            }
        }
    }
}
