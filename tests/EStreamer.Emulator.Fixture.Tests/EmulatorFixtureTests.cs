using System.Net;
using EStreamer.Emulator.Conformance;
using EStreamer.Emulator.Events;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Emulator.Fixture.Tests;

/// <summary>The fixture as a client's test suite uses it: one emulator for the fixture, reset between tests.</summary>
public sealed class EmulatorFixtureTests
{
    private EmulatorFixture _emulator = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _emulator = await EmulatorFixture.StartAsync(fill: Fill);

    [OneTimeTearDown]
    public async Task StopEmulator()
    {
        var directory = _emulator.DataDirectory;
        await _emulator.DisposeAsync();
        Assert.That(Directory.Exists(directory), Is.False, "the data folder is deleted");
    }

    [SetUp]
    public async Task CleanSlate()
    {
        await _emulator.ResetAsync();
        Fill(_emulator.Journal);
    }

    [Test]
    public async Task A_client_that_acknowledges_every_bundle_conforms()
    {
        using (var certificate = _emulator.LoadClientCertificate())
        await using (var client = await MinimalClient.ConnectAsync(_emulator.Host, _emulator.Port, certificate))
        {
            await client.SendAsync(new EventStreamRequestMessage(0, RequestFlags.EncoreDefault));
            Assert.That(await client.ReceiveAsync(), Is.InstanceOf<StreamingInformationMessage>());
            await client.SendAsync(new StreamingRequestMessage(StreamingRequestMessage.EStreamerService, RequestFlags.EncoreDefault, 0, new EventTypeEntry[] { new(11, 12) }));
            var bundle = (MessageBundle)await client.ReceiveAsync();
            await client.SendAsync(NullMessage.Instance);
            Assert.That(bundle.Items, Has.Count.EqualTo(3));
        }

        var report = await _emulator.WaitForConformanceAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Conforms, Is.True, report.Summary);
            Assert.That(report.Acknowledgement.Verdict, Is.EqualTo(AcknowledgementVerdict.AcknowledgedAll));
            Assert.That(report.Request!.FlagNames, Does.Contain("ExtendedRequest"));
            Assert.That(_emulator.Messages(report.SessionId).Select(m => m.Kind), Does.Contain("streaming-request"));
        }
    }

    [Test]
    public async Task The_service_switch_refuses_connections_and_the_control_api_answers()
    {
        using var http = new HttpClient { BaseAddress = _emulator.ControlUri };
        Assert.That((await http.GetAsync("/readyz")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await _emulator.SetServiceEnabledAsync(false);
        try
        {
            Assert.That((await http.GetAsync("/readyz")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            using var certificate = _emulator.LoadClientCertificate();
            Assert.That(async () => await MinimalClient.ConnectAsync(_emulator.Host, _emulator.Port, certificate), Throws.InstanceOf<System.Net.Sockets.SocketException>());
        }
        finally
        {
            await _emulator.SetServiceEnabledAsync(true);
        }

        Assert.That((await http.GetAsync("/readyz")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static void Fill(EventJournal journal)
    {
        for (uint i = 1; i <= 3; i++)
        {
            journal.Append(1_800_000_000 + i, new IntrusionEventRecord { EventId = i }, []);
        }
    }
}
