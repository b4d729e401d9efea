using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Emulator.Tls;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Tests.Peers;

/// <summary>
/// Post-connect verification over real TLS (reference 1.4, 7.3): every refusal completes TLS, sends no
/// eStreamer message, closes, and logs one line with "estreamer", "error" and the reason.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
[Parallelizable(ParallelScope.All)] // every test gets its own instance and emulator
public sealed class AuthenticationTests
{
    private RunningEmulator _emulator = null!;

    [SetUp]
    public async Task StartEmulator() => _emulator = await RunningEmulator.StartAsync();

    [TearDown]
    public async Task StopEmulator() => await _emulator.DisposeAsync();

    [Test]
    public async Task Registered_peer_is_accepted_and_a_request_written_right_after_the_handshake_is_answered()
    {
        await using var client = await _emulator.ConnectAsync();
        await client.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await client.ReceiveAsync(), Is.EqualTo(StreamingInformationMessage.EStreamerOnly));
            Assert.That(client.Protocol, Is.EqualTo(SslProtocols.Tls12));
        }

        await _emulator.Logs.WaitForLineAsync(TestClient.DefaultTimeout, "accepted as peer 127.0.0.1 over Tls12");
    }

    [Test]
    public async Task Client_without_certificate_is_refused_silently()
    {
        await ExpectSilentRefusalAsync(null, "no-certificate", "presented no certificate");
    }

    [Test]
    public async Task Certificate_from_another_ca_is_refused_silently()
    {
        using var otherCa = CertificateAuthority.Create("Some Other CA");
        using var foreign = otherCa.IssueClientCertificate("127.0.0.1");
        await ExpectSilentRefusalAsync(foreign, "wrong-ca", "not signed by this emulator's CA");
    }

    [Test]
    public async Task Expired_certificate_is_refused_silently()
    {
        var now = DateTimeOffset.UtcNow;
        using var expired = _emulator.Data.Authority.IssueClientCertificate("127.0.0.1", notAfter: now.AddHours(-1), notBefore: now.AddHours(-20));
        Register(expired, "127.0.0.1");
        await ExpectSilentRefusalAsync(expired, "expired", "expired on");
    }

    [Test]
    public async Task Certificate_of_this_ca_that_no_peer_holds_is_refused_as_unknown()
    {
        using var stray = _emulator.Data.Authority.IssueClientCertificate("127.0.0.1");
        await ExpectSilentRefusalAsync(stray, "unknown-certificate", "belongs to no registered peer");
    }

    [Test]
    public async Task Revoked_peer_is_refused_silently()
    {
        _emulator.Data.Peers.Update("127.0.0.1", p => p.Revoked = true);
        await ExpectSilentRefusalAsync(_emulator.ClientCertificate, "revoked", "peer 127.0.0.1: certificate was revoked");
    }

    [Test]
    public async Task Source_address_that_does_not_match_the_certificate_is_refused_naming_both()
    {
        var peer = _emulator.Data.AddPeer("127.0.0.2", "pw");
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(peer.Pkcs12File!, "pw");
        var line = await ExpectSilentRefusalAsync(certificate, "address-mismatch", "connection comes from 127.0.0.1 but the certificate names 127.0.0.2");
        Assert.That(line, Does.Contain("127.0.0.2"));
    }

    [Test]
    public async Task Address_check_switched_off_for_a_peer_accepts_it_from_elsewhere()
    {
        var peer = _emulator.Data.AddPeer("127.0.0.2", "pw");
        _emulator.Data.Peers.Update(peer.Host, p => p.CheckAddress = false);
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(peer.Pkcs12File!, "pw");
        await using var client = await _emulator.ConnectAsync(certificate);
        await client.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));
        Assert.That(await client.ReceiveAsync(), Is.InstanceOf<StreamingInformationMessage>());
    }

    [Test]
    public async Task Address_check_passes_when_the_client_connects_from_the_registered_address()
    {
        var peer = _emulator.Data.AddPeer("127.0.0.2", "pw");
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(peer.Pkcs12File!, "pw");
        await using var client = await _emulator.ConnectAsync(certificate, local: IPAddress.Parse("127.0.0.2"));
        await client.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));
        Assert.That(await client.ReceiveAsync(), Is.InstanceOf<StreamingInformationMessage>());
    }

    [Test]
    public async Task A_refused_client_does_not_disturb_a_session_in_progress()
    {
        await using var good = await _emulator.ConnectAsync();
        await good.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));
        await good.ReceiveAsync<StreamingInformationMessage>();

        await ExpectSilentRefusalAsync(null, "no-certificate", "presented no certificate");

        await good.SendAsync(Requests.Streaming(EventStreamRequestMessage.FromNow, new EventTypeEntry(11, 12)));
        await _emulator.WaitForSessionAsync(s => s.Peer == "127.0.0.1" && s.State == EStreamer.Emulator.Sessions.SessionState.Streaming);
        _emulator.Journal.Append(1_800_000_000, new Protocol.Records.Intrusion.IntrusionEventRecord { EventId = 42 }, []);
        var bundle = await good.ReceiveAsync<MessageBundle>();
        Assert.That(bundle.Items.Single().Record, Is.EqualTo(new Protocol.Records.Intrusion.IntrusionEventRecord { EventId = 42 }));
    }

    private void Register(X509Certificate2 certificate, string host)
    {
        _emulator.Data.Peers.Upsert(new EStreamer.Emulator.Peers.Peer
        {
            Host = host,
            Thumbprint = EStreamer.Emulator.Peers.PeerVerifier.ThumbprintOf(certificate),
            Serial = certificate.SerialNumber,
        });
    }

    private async Task<string> ExpectSilentRefusalAsync(X509Certificate2? certificate, string reason, string detail)
    {
        _emulator.ExpectError(reason);
        await using var client = certificate is null
            ? await TestClient.ConnectAsync(_emulator.Port, certificate: null)
            : await _emulator.ConnectAsync(certificate);

        // The client may already have written its request; a refused client gets no answer to it.
        await client.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));
        var (closed, unexpected) = await client.WaitForCloseAsync();
        var line = await _emulator.Logs.WaitForLineAsync(TestClient.DefaultTimeout, "estreamer error", $"({reason})", detail);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(unexpected, Is.Null, "no eStreamer message before the close");
            Assert.That(closed, Is.True);
        }

        return line;
    }
}
