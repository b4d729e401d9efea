using System.Net;
using System.Net.Sockets;
using EStreamer.Client.Tests.Support;
using EStreamer.Emulator.Conformance;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Fixture;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Client.Tests;

/// <summary>
/// The library against the real emulator over TLS on 127.0.0.1: the fixture's PKCS#12, the server checked
/// against the CA inside it, both request modes, host data, and the server's answer to malformed input.
/// </summary>
public sealed class EmulatorSessionTests
{
    private static readonly IPAddress KnownHost = IPAddress.Parse("10.1.2.3");

    private EmulatorFixture _emulator = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _emulator = await EmulatorFixture.StartAsync(fill: Fill);

    [OneTimeTearDown]
    public async Task StopEmulator() => await _emulator.DisposeAsync();

    [SetUp]
    public async Task CleanSlate()
    {
        await _emulator.ResetAsync();
        Fill(_emulator.Journal);
    }

    [Test]
    public async Task Extended_session_from_a_pkcs12_reads_bundled_records_and_conforms()
    {
        using var bundle = ClientCertificateBundle.Load(_emulator.ClientPkcs12Path, _emulator.ClientPassword);
        var records = new List<DecodedRecord>();
        await using (var client = await EStreamerClient.ConnectAsync(Options(bundle)))
        {
            var information = await client.OpenStreamAsync(StreamRequest.Encore52(EventStreamRequestMessage.FromOldest));
            Assert.That(information!.Services.Select(s => s.ServiceId), Does.Contain(StreamingRequestMessage.EStreamerService));
            await foreach (var record in client.ReadRecordsAsync())
            {
                records.Add(record);
                if (records.Count(r => r.Data.Record is IntrusionEventRecord) == 3)
                {
                    break;
                }
            }

            await client.AcknowledgeAsync();
            await client.CloseAsync();
        }

        var report = await _emulator.WaitForConformanceAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(records.Select(r => r.DecodeError), Is.All.Null);
            Assert.That(records.Select(r => r.Data.Record).OfType<IntrusionEventRecord>().Select(r => r.EventId), Is.EqualTo(new uint[] { 1, 2, 3 }));
            Assert.That(records.Select(r => r.Data.ArchiveTimestamp), Is.All.GreaterThan(1_800_000_000u), "bit 23 asks for the archive timestamp");
            Assert.That(report.Acknowledgement.Verdict, Is.EqualTo(AcknowledgementVerdict.AcknowledgedAll), report.Summary);
            Assert.That(report.Request!.FlagNames, Does.Contain("ExtendedRequest"));
        }
    }

    [Test]
    [Description("Flags alone (bit 5, impact alerts v2) are answered with one Event Data message per record, not bundles.")]
    public async Task Plain_session_gets_event_data_messages()
    {
        using var bundle = ClientCertificateBundle.Load(_emulator.ClientPkcs12Path, _emulator.ClientPassword);
        await using var client = await EStreamerClient.ConnectAsync(Options(bundle));

        await client.OpenStreamAsync(StreamRequest.Plain(EventStreamRequestMessage.FromOldest, RequestFlags.ImpactAlerts | RequestFlags.ExtendedHeader));
        var frame = await client.ReceiveFrameAsync();
        while (frame!.Type == MessageType.Null)
        {
            frame = await client.ReceiveFrameAsync();
        }

        var records = RecordDecoder.Decode(frame);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(frame.Type, Is.EqualTo(MessageType.EventData));
            Assert.That(records, Has.Count.EqualTo(1));
            Assert.That(records[0].Data.Record, Is.TypeOf<ImpactAlertRecord>().With.Property(nameof(ImpactAlertRecord.EventId)).EqualTo(4u));
        }
    }

    [Test]
    public async Task Host_data_requests_return_one_profile_or_a_range_up_to_its_end()
    {
        using var bundle = ClientCertificateBundle.Load(_emulator.ClientPkcs12Path, _emulator.ClientPassword);
        await using var client = await EStreamerClient.ConnectAsync(Options(bundle));
        await client.OpenStreamAsync(StreamRequest.Plain(EventStreamRequestMessage.FromNow, RequestFlags.None));

        var single = await client.RequestHostDataAsync(HostRequest.Single(KnownHost));
        var range = await client.RequestHostDataAsync(HostRequest.Range(IPAddress.Parse("10.0.0.0"), IPAddress.Parse("10.255.255.255")));
        var unknown = Assert.ThrowsAsync<EStreamerClientException>(async () => await client.RequestHostDataAsync(HostRequest.Single(IPAddress.Parse("192.0.2.1"))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(single.Select(h => h.MessageType), Is.EqualTo(new[] { MessageType.SingleHostData }));
            Assert.That(range.Select(h => h.MessageType), Is.EqualTo(new[] { MessageType.MultipleHostData, MessageType.MultipleHostData }));
            Assert.That(range.Select(h => h.ProfileBlockType), Is.All.Not.Null, "the header-only end of the list is not a host");
            Assert.That(unknown.Failure, Is.EqualTo(EStreamerClientFailure.ServerError));
            Assert.That(unknown.ServerError, Is.Not.Null);
        }
    }

    [Test]
    public async Task Malformed_bytes_sent_raw_get_the_servers_error_message()
    {
        using var bundle = ClientCertificateBundle.Load(_emulator.ClientPkcs12Path, _emulator.ClientPassword);
        await using var client = await EStreamerClient.ConnectAsync(Options(bundle));

        // Header version 2 (reference 2.1 allows only 1).
        await client.SendRawAsync(Convert.FromHexString("0002000200000008" + "0000000048900061"));

        var failure = Assert.ThrowsAsync<EStreamerClientException>(async () => await client.ReceiveAsync<MessageBundle>());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure.Failure, Is.EqualTo(EStreamerClientFailure.ServerError));
            Assert.That(failure.Message, Does.StartWith("server answered with Error "));
            Assert.That(await client.ReceiveAsync(), Is.Null, "the server closes after its Error (reference 7.3)");
        }
    }

    [Test]
    public async Task Server_certificate_from_another_ca_fails_the_handshake_when_checked()
    {
        using var bundle = ClientCertificateBundle.Load(_emulator.ClientPkcs12Path, _emulator.ClientPassword);
        using var others = TestCertificates.Create("CN=Some Other CA");
        using var otherAuthority = others.PublicAuthority();
        var options = new EStreamerClientOptions
        {
            Host = _emulator.Host,
            Port = _emulator.Port,
            ClientCertificate = bundle.Certificate,
            ServerAuthorities = [otherAuthority],
        };

        var failure = Assert.ThrowsAsync<EStreamerClientException>(async () => await EStreamerClient.ConnectAsync(options));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure.Failure, Is.EqualTo(EStreamerClientFailure.ServerCertificate));
            Assert.That(failure.Message, Does.Contain("does not chain to the given certificate authority (CN=Some Other CA)"));
        }
    }

    [Test]
    [Description("Reference 1.4: a client the server does not accept gets no eStreamer message, only the end of the connection.")]
    public async Task Client_without_a_certificate_gets_no_answer()
    {
        var options = new EStreamerClientOptions { Host = _emulator.Host, Port = _emulator.Port, ClientCertificate = null };

        EStreamerClient client;
        try
        {
            client = await EStreamerClient.ConnectAsync(options);
        }
        catch (EStreamerClientException failure) when (failure.Failure == EStreamerClientFailure.Handshake)
        {
            // Refused inside the handshake: as good an answer as a close after it.
            return;
        }

        await using (client)
        {
            Assert.That(client.ClientCertificateSent, Is.False);
            IMessage? answer;
            try
            {
                await client.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));
                answer = await client.ReceiveAsync();
            }
            catch (EStreamerClientException failure) when (failure.Failure is EStreamerClientFailure.ConnectionReset or EStreamerClientFailure.SendFailed)
            {
                answer = null;
            }

            Assert.That(answer, Is.Null, "no eStreamer message before the close");
        }
    }

    [Test]
    public void Nothing_listening_is_a_connect_failure_naming_the_endpoint()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var bundle = ClientCertificateBundle.Load(_emulator.ClientPkcs12Path, _emulator.ClientPassword);

        var failure = Assert.ThrowsAsync<EStreamerClientException>(async () => await EStreamerClient.ConnectAsync(new EStreamerClientOptions
        {
            Host = "127.0.0.1",
            Port = port,
            ClientCertificate = bundle.Certificate,
        }));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure.Failure, Is.EqualTo(EStreamerClientFailure.Connect));
            Assert.That(failure.Message, Is.EqualTo($"connection refused by 127.0.0.1:{port}"));
        }
    }

    [Test]
    public void Pkcs12_with_the_wrong_password_is_a_client_certificate_failure_naming_the_file()
    {
        var failure = Assert.Throws<EStreamerClientException>(() => ClientCertificateBundle.Load(_emulator.ClientPkcs12Path, "not-the-password"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure.Failure, Is.EqualTo(EStreamerClientFailure.ClientCertificate));
            Assert.That(failure.Message, Is.EqualTo($"cannot read PKCS#12 {_emulator.ClientPkcs12Path}: wrong password"));
        }
    }

    [Test]
    public void Pkcs12_holds_the_client_certificate_with_its_key_and_the_ca_the_server_chains_to()
    {
        using var bundle = ClientCertificateBundle.Load(_emulator.ClientPkcs12Path, _emulator.ClientPassword);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bundle.Certificate.HasPrivateKey, Is.True);
            Assert.That(bundle.Authorities, Has.Count.EqualTo(1));
            Assert.That(bundle.Certificate.Issuer, Is.EqualTo(bundle.Authorities[0].Subject));
        }
    }

    private EStreamerClientOptions Options(ClientCertificateBundle bundle) => new()
    {
        Host = _emulator.Host,
        Port = _emulator.Port,
        ClientCertificate = bundle.Certificate,
        ServerAuthorities = bundle.Authorities,
    };

    private static void Fill(EventJournal journal)
    {
        for (uint i = 1; i <= 3; i++)
        {
            journal.Append(1_800_000_000 + i, new IntrusionEventRecord { EventId = i }, []);
        }

        journal.Append(1_800_000_004, new ImpactAlertRecord { EventId = 4 }, []);
        journal.AddHost(new HostProfile(KnownHost, [0x00, 0x50, 0x56, 0x01, 0x02, 0x03], 1, 1_800_000_000, "known"));
        journal.AddHost(new HostProfile(IPAddress.Parse("10.9.9.9"), [0x00, 0x50, 0x56, 0x09, 0x09, 0x09], 2, 1_800_000_000, "other"));
    }
}
