using EStreamer.Client.Tests.Support;
using EStreamer.Protocol.Messages;

namespace EStreamer.Client.Tests;

/// <summary>
/// The client against a scripted TLS server on 127.0.0.1: frames that break the rules give the library's
/// exception, and what the client writes (requests, acknowledgements) is checked byte for byte.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class FramingTests
{
    private static readonly byte[] Null = Convert.FromHexString("0001000000000000");

    // Reference 5.2: the recommended Streaming Information, one eStreamer service.
    private static readonly byte[] StreamingInformation = Convert.FromHexString("0001080300000010" + "00001A0B000000080000000000000000");

    private static TestCertificates _certificates = null!;

    [OneTimeSetUp]
    public static void CreateCertificates() => _certificates = TestCertificates.Create();

    [OneTimeTearDown]
    public static void DisposeCertificates() => _certificates.Dispose();

    [Test]
    public async Task Frame_longer_than_the_maximum_is_refused_before_its_body_is_read()
    {
        await using var server = ScriptedServer.Start(_certificates.Server, async tls =>
        {
            await tls.WriteAsync(Convert.FromHexString(Bytes("0001 0FA2 00000401")));
            await ScriptedServer.WaitForClientCloseAsync(tls);
        });
        await using (var client = await ConnectAsync(server, maxMessageLength: 1024))
        {
            var failure = Assert.ThrowsAsync<EStreamerClientException>(async () => await client.ReceiveFrameAsync());
            using (Assert.EnterMultipleScope())
            {
                Assert.That(failure.Failure, Is.EqualTo(EStreamerClientFailure.MessageTooLong));
                Assert.That(failure.Message, Does.Contain("announcing 1025 bytes (more than 1024)"));
            }
        }

        await server.Completion;
    }

    [Test]
    public async Task Close_in_the_middle_of_a_message_is_a_truncated_message()
    {
        await using var server = ScriptedServer.Start(_certificates.Server, async tls =>
        {
            // A 4002 announcing 100 bytes, of which 10 come before the server closes.
            await tls.WriteAsync(Convert.FromHexString("00010FA200000064" + "00000001000000010000"));
        });
        await using var client = await ConnectAsync(server);

        var failure = Assert.ThrowsAsync<EStreamerClientException>(async () => await client.ReceiveAsync());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure.Failure, Is.EqualTo(EStreamerClientFailure.TruncatedMessage));
            Assert.That(failure.Message, Does.Contain("closed the connection in the middle of a message"));
        }
    }

    [Test]
    public async Task Close_inside_the_header_is_a_truncated_message_too()
    {
        await using var server = ScriptedServer.Start(_certificates.Server, async tls => await tls.WriteAsync(Convert.FromHexString("000100")));
        await using var client = await ConnectAsync(server);

        Assert.That(
            async () => await client.ReceiveAsync(),
            Throws.TypeOf<EStreamerClientException>().With.Property(nameof(EStreamerClientException.Failure)).EqualTo(EStreamerClientFailure.TruncatedMessage));
    }

    [Test]
    public async Task Close_between_messages_reads_as_the_end_of_the_stream()
    {
        await using var server = ScriptedServer.Start(_certificates.Server, async tls => await tls.WriteAsync(Null));

        // Nothing written after the server's close, so no reset can overtake its close_notify.
        await using var client = await ConnectAsync(server, acknowledge: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await client.ReceiveAsync(), Is.SameAs(NullMessage.Instance));
            Assert.That(await client.ReceiveAsync(), Is.Null);
        }
    }

    [Test]
    public async Task Reset_between_messages_is_a_connection_reset_not_an_end_of_stream()
    {
        await using var server = ScriptedServer.StartResetting(_certificates.Server);
        await using var client = await ConnectAsync(server);
        await server.Completion;

        Assert.That(
            async () => await client.ReceiveAsync(),
            Throws.TypeOf<EStreamerClientException>().With.Property(nameof(EStreamerClientException.Failure)).EqualTo(EStreamerClientFailure.ConnectionReset));
    }

    [Test]
    public async Task Raw_reads_return_each_tls_record_as_the_server_wrote_it()
    {
        await using var server = ScriptedServer.Start(_certificates.Server, async tls =>
        {
            await tls.WriteAsync(new byte[] { 1, 2, 3 });
            await tls.FlushAsync();
            await ScriptedServer.ReadAsync(tls, 1);
            await tls.WriteAsync(new byte[] { 4, 5 });
        });
        await using var client = await ConnectAsync(server);
        var buffer = new byte[64];

        var first = await client.ReceiveRawAsync(buffer);
        var firstBytes = buffer[..first];
        await client.SendRawAsync(new byte[] { 0 });
        var second = await client.ReceiveRawAsync(buffer);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(firstBytes, Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(buffer[..second], Is.EqualTo(new byte[] { 4, 5 }));
        }
    }

    [Test]
    public async Task Header_version_other_than_1_is_a_malformed_message()
    {
        await using var server = ScriptedServer.Start(_certificates.Server, async tls => await tls.WriteAsync(Convert.FromHexString("0002000000000000")));
        await using var client = await ConnectAsync(server);

        var failure = Assert.ThrowsAsync<EStreamerClientException>(async () => await client.ReceiveAsync());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure.Failure, Is.EqualTo(EStreamerClientFailure.MalformedMessage));
            Assert.That(failure.Message, Does.Contain("header version"));
        }
    }

    [Test]
    public async Task Silence_longer_than_the_read_timeout_is_a_timeout()
    {
        await using var server = ScriptedServer.Start(_certificates.Server, ScriptedServer.WaitForClientCloseAsync);
        await using (var client = await ConnectAsync(server))
        {
            Assert.That(
                async () => await client.ReceiveAsync(TimeSpan.FromMilliseconds(200)),
                Throws.TypeOf<EStreamerClientException>().With.Property(nameof(EStreamerClientException.Failure)).EqualTo(EStreamerClientFailure.Timeout));
        }

        await server.Completion;
    }

    [Test]
    public async Task Handshake_that_never_completes_times_out_as_a_handshake_failure()
    {
        await using var server = ScriptedServer.StartSilent();

        var failure = Assert.ThrowsAsync<EStreamerClientException>(async () => await ConnectAsync(server, handshakeTimeout: TimeSpan.FromMilliseconds(300)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure.Failure, Is.EqualTo(EStreamerClientFailure.Handshake));
            Assert.That(failure.Message, Does.StartWith("TLS handshake failed: no handshake with 127.0.0.1:"));
        }
    }

    [Test]
    [Description("Reference 12.1-12.2: request, 2051, then the 2049 before the Null that acknowledges the 2051, then a Null per message.")]
    public async Task Extended_exchange_goes_out_in_encore_order_with_a_null_after_every_message()
    {
        byte[] received = [];
        await using var server = ScriptedServer.Start(_certificates.Server, async tls =>
        {
            var request = await ScriptedServer.ReadAsync(tls, 16);
            await tls.WriteAsync(StreamingInformation);
            var streamingRequest = await ScriptedServer.ReadAsync(tls, 64);
            var acknowledgement = await ScriptedServer.ReadAsync(tls, 8);
            await tls.WriteAsync(Null);
            var second = await ScriptedServer.ReadAsync(tls, 8);
            received = [.. request, .. streamingRequest, .. acknowledgement, .. second];
        });
        await using var client = await ConnectAsync(server);

        var information = await client.OpenStreamAsync(StreamRequest.Encore52(0x5F5E1000));
        Assert.That(await client.ReceiveAsync(), Is.SameAs(NullMessage.Instance));
        Assert.That(await client.ReceiveAsync(), Is.Null, "the server closes after its script");
        await server.Completion;

        var expected = Bytes(
            "0001 0002 00000008 5F5E1000 48900061",
            "0001 0801 00000038 00001A0B 00000038 48900061 5F5E1000 000B 000C 0004 0015 0009 001F 000B 003D 0011 0047 0007 005B 0008 0065 0007 006F 0002 0083 0000 0000",
            "0001 0000 00000000",
            "0001 0000 00000000");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(information!.Services.Select(s => s.ServiceId), Is.EqualTo(new[] { 6667u }));
            Assert.That(Convert.ToHexString(received), Is.EqualTo(expected));
        }
    }

    [Test]
    public async Task Without_automatic_acknowledgement_the_client_sends_only_what_it_is_told()
    {
        byte[] afterRequest = [];
        await using var server = ScriptedServer.Start(_certificates.Server, async tls =>
        {
            await ScriptedServer.ReadAsync(tls, 16);
            await tls.WriteAsync(Null.Concat(Null).ToArray());

            // The next thing on the wire must be the client's raw marker, not a Null for either keep-alive.
            afterRequest = await ScriptedServer.ReadAsync(tls, 4);
        });
        await using var client = await ConnectAsync(server, acknowledge: false);

        await client.OpenStreamAsync(StreamRequest.Plain(0, RequestFlags.IntrusionWithImpactFlags));
        await client.ReceiveAsync();
        await client.ReceiveAsync();
        await client.SendRawAsync(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF });
        await server.Completion;

        Assert.That(afterRequest, Is.EqualTo(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }));
    }

    [Test]
    public async Task Server_checked_against_its_own_ca_is_accepted_and_its_certificate_kept()
    {
        await using var server = ScriptedServer.Start(_certificates.Server, ScriptedServer.WaitForClientCloseAsync);
        using var authority = _certificates.PublicAuthority();
        await using (var client = await ConnectAsync(server, authority: authority))
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(client.ServerCertificate.Thumbprint, Is.EqualTo(_certificates.Server.Thumbprint));
                Assert.That(client.ClientCertificateSent, Is.True, "the server asked for a certificate");
                Assert.That(client.Endpoint, Is.EqualTo($"127.0.0.1:{server.Port}"));
            }
        }

        await server.Completion;
    }

    private static Task<EStreamerClient> ConnectAsync(
        ScriptedServer server,
        uint maxMessageLength = MessageCodec.DefaultMaxMessageLength,
        TimeSpan? handshakeTimeout = null,
        bool acknowledge = true,
        System.Security.Cryptography.X509Certificates.X509Certificate2? authority = null) =>
        EStreamerClient.ConnectAsync(new EStreamerClientOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            ClientCertificate = _certificates.Client,
            ServerAuthorities = authority is null ? [] : [authority],
            MaxMessageLength = maxMessageLength,
            HandshakeTimeout = handshakeTimeout ?? EStreamerClientOptions.DefaultTimeout,
            AcknowledgeEveryMessage = acknowledge,
        });

    private static string Bytes(params string[] spaced) => string.Concat(spaced).Replace(" ", string.Empty, StringComparison.Ordinal);
}
