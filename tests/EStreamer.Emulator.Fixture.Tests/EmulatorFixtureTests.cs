using System.Net;
using EStreamer.Client;
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
        await using (var client = await EStreamerClient.ConnectAsync(Options(_emulator, certificate)))
        {
            // The library acknowledges each message when the next is read; the last one by hand before hanging up.
            await client.OpenStreamAsync(StreamRequest.Extended(0, RequestFlags.EncoreDefault, new EventTypeEntry(11, 12)));
            var bundle = await client.ReceiveAsync<MessageBundle>();
            await client.AcknowledgeAsync();
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
            Assert.That(
                async () => await EStreamerClient.ConnectAsync(Options(_emulator, certificate)),
                Throws.TypeOf<EStreamerClientException>().With.Property(nameof(EStreamerClientException.Failure)).EqualTo(EStreamerClientFailure.Connect)
                    .And.InnerException.InstanceOf<System.Net.Sockets.SocketException>());
        }
        finally
        {
            await _emulator.SetServiceEnabledAsync(true);
        }

        Assert.That((await http.GetAsync("/readyz")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    /// <summary>The connection a client's suite makes: the fixture's PKCS#12, and the server checked against the fixture's CA.</summary>
    internal static EStreamerClientOptions Options(EmulatorFixture emulator, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) => new()
    {
        Host = emulator.Host,
        Port = emulator.Port,
        ClientCertificate = certificate,
        ServerAuthorities = [System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(emulator.CaCertificatePath)],
    };

    private static void Fill(EventJournal journal)
    {
        for (uint i = 1; i <= 3; i++)
        {
            journal.Append(1_800_000_000 + i, new IntrusionEventRecord { EventId = i }, []);
        }
    }
}
