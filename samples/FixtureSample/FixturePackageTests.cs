using EStreamer.Emulator.Conformance;
using EStreamer.Emulator.Fixture;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records.Intrusion;

namespace FixtureSample;

/// <summary>The fixture package as a client's suite uses it: one emulator per fixture, a clean journal per test.</summary>
[TestFixture]
public sealed class FixturePackageTests
{
    private const int EventCount = 5;
    private EmulatorFixture _emulator = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _emulator = await EmulatorFixture.StartAsync();

    [OneTimeTearDown]
    public async Task StopEmulator()
    {
        var directory = _emulator.DataDirectory;
        await _emulator.DisposeAsync();
        Assert.That(Directory.Exists(directory), Is.False, "the fixture deletes its data folder");
    }

    [SetUp]
    public async Task CleanSlate()
    {
        await _emulator.ResetAsync();
        for (uint i = 1; i <= EventCount; i++)
        {
            _emulator.Journal.Append(1_800_000_000 + i, new IntrusionEventRecord { EventId = i }, []);
        }
    }

    [Test]
    public async Task The_client_reads_every_journal_event_and_the_emulator_records_its_session()
    {
        var received = new List<uint>();
        using (var certificate = _emulator.LoadClientCertificate())
        await using (var client = await SampleClient.ConnectAsync(_emulator.Host, _emulator.Port, certificate))
        {
            await client.SendAsync(new EventStreamRequestMessage(0, RequestFlags.EncoreDefault));
            Assert.That(await client.ReceiveAsync(), Is.InstanceOf<StreamingInformationMessage>());
            await client.SendAsync(new StreamingRequestMessage(
                StreamingRequestMessage.EStreamerService, RequestFlags.EncoreDefault, 0, new EventTypeEntry[] { new(11, 12) }));

            while (received.Count < EventCount)
            {
                var bundle = (MessageBundle)await client.ReceiveAsync();
                received.AddRange(bundle.Items.Select(item => item.Record).OfType<IntrusionEventRecord>().Select(r => r.EventId));
                await client.SendAsync(NullMessage.Instance);   // acknowledges the bundle
            }
        }

        var report = await _emulator.WaitForConformanceAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(received, Is.EqualTo(new uint[] { 1, 2, 3, 4, 5 }));
            Assert.That(_emulator.Sessions.Select(s => s.Id), Does.Contain(report.SessionId));
            Assert.That(_emulator.Sessions.Single(s => s.Id == report.SessionId).Peer, Is.EqualTo("127.0.0.1"));
            Assert.That(_emulator.Messages(report.SessionId).Select(m => m.Kind), Does.Contain("streaming-request"));
            Assert.That(report.Acknowledgement.Verdict, Is.EqualTo(AcknowledgementVerdict.AcknowledgedAll), report.Summary);
            Assert.That(report.Conforms, Is.True, report.Summary);
        }
    }
}
