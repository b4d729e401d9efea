using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using Microsoft.Extensions.Time.Testing;

namespace EStreamer.Emulator.Tests.Pipeline;

/// <summary>
/// Malformed and unfriendly input over real TLS: each gets the answer reference 7.3 prescribes (an Error, then
/// a close) or the log line reference 5.4 asks for, never silence.
/// </summary>
[Parallelizable(ParallelScope.All)] // every test starts its own emulator
public sealed class HostileInputTests
{
    private const int MessageTooLong = 4;
    private const int MalformedMessage = 1;

    [TestCase("80000000")]
    [TestCase("FFFFFFFF")]
    public async Task Length_of_2_to_the_31_or_more_gets_message_too_long_then_a_close(string lengthHex)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.ExpectError("bad client message");
        await using var client = await emulator.ConnectAsync();

        await client.SendRawAsync(Convert.FromHexString("00010002" + lengthHex));

        var error = await client.ReceiveAsync<ErrorMessage>();
        Assert.That(error.Code, Is.EqualTo(MessageTooLong));
        Assert.That(error.Text, Does.Contain($"length {Convert.ToUInt32(lengthHex, 16)} exceeds the maximum"));
        var (closed, unexpected) = await client.WaitForCloseAsync();
        Assert.That(closed, Is.True, $"closed after the error, not {unexpected}");
        await emulator.Logs.WaitForLineAsync(TestClient.DefaultTimeout, "estreamer error: session", "bad client message");
    }

    [Test]
    public async Task Message_whose_body_never_arrives_gets_an_error_once_the_clock_passes_the_limit()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await RunningEmulator.StartAsync(options =>
        {
            options.Time = clock;
            options.PartialMessageTimeout = TimeSpan.FromSeconds(30);
            options.KeepaliveInterval = TimeSpan.FromHours(1);
        });
        emulator.ExpectError("bad client message");
        await using var client = await emulator.ConnectAsync();
        await client.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));
        await client.ReceiveAsync<StreamingInformationMessage>();

        // A Null header promising 100 bytes, and 10 of them.
        await client.SendRawAsync(Convert.FromHexString("0001000000000064" + "00112233445566778899"));

        // The server arms its limit when the bytes arrive, just after they are sent: the clock is moved again
        // until the Error comes, never further than a few limits.
        ErrorMessage? error = null;
        for (var attempt = 0; attempt < 5 && error is null; attempt++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            try
            {
                error = await client.ReceiveAsync<ErrorMessage>(TimeSpan.FromSeconds(2));
            }
            catch (EStreamerClientException waited) when (waited.Failure == EStreamerClientFailure.Timeout)
            {
                // Not armed yet when the clock moved: move it again.
            }
        }

        Assert.That(error, Is.Not.Null, "an Error after the limit");
        Assert.That(error!.Code, Is.EqualTo(MalformedMessage));
        Assert.That(error.Text, Does.Contain("the header promised 108 bytes, 18 arrived"));
        var (closed, unexpected) = await client.WaitForCloseAsync();
        Assert.That(closed, Is.True, $"closed after the error, not {unexpected}");
    }

    [Test]
    public async Task Nulls_and_a_request_in_one_write_right_after_the_handshake_get_the_request_answered()
    {
        // 64 KiB of Nulls and the request: more than the peer check holds before it pauses reading.
        const int nulls = 8_192;
        await using var emulator = await RunningEmulator.StartAsync();
        await using var client = await emulator.ConnectAsync();
        var nul = MessageCodec.Encode(NullMessage.Instance);
        var request = MessageCodec.Encode(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));

        await client.SendRawAsync([.. Enumerable.Repeat(nul, nulls).SelectMany(b => b), .. request]);

        // Generous wait: the strict leak detector the tests run with makes each of the thousands of frames slow.
        Assert.That(await client.ReceiveAsync<StreamingInformationMessage>(TimeSpan.FromSeconds(60)), Is.EqualTo(StreamingInformationMessage.EStreamerOnly));
    }

    [Test]
    public async Task Client_error_text_is_logged_with_its_control_characters_escaped()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var client = await emulator.ConnectAsync();
        await client.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));
        await client.ReceiveAsync<StreamingInformationMessage>();

        await client.SendAsync(new ErrorMessage(-1, "going\r\nfake line\u001b[2J\"done\""));

        var line = await emulator.Logs.WaitForLineAsync(TestClient.DefaultTimeout, "client sent Error -1");
        Assert.That(line, Does.Contain(@"""going\r\nfake line\u001b[2J\""done\"""": closing"));
        Assert.That(line.Any(char.IsControl), Is.False);
    }

    [TestCase(999u, true)]
    [TestCase(null, false)]
    [TestCase(32u, false)]
    public async Task Streaming_request_with_a_service_length_of_neither_reading_is_accepted_and_logged(uint? serviceLength, bool logged)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var client = await emulator.ConnectAsync();
        await client.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));
        await client.ReceiveAsync<StreamingInformationMessage>();

        // Payload 40 bytes: service ID, length, flags, timestamp, five entries and the (0, 0) end. 40 is eNcore's reading, 32 the guide's.
        await client.SendAsync(new StreamingRequestMessage(
            StreamingRequestMessage.EStreamerService, RequestFlags.EncoreDefault, 0, Requests.Encore52Entries[..5], serviceLength));

        var session = await emulator.WaitForSessionAsync(s => s.State == SessionState.Streaming);
        Assert.That(session.NegotiatedVersions, Is.Not.Empty, "the request is accepted whatever its service length");
        var lines = emulator.Logs.Lines.Select(l => l.Line).Where(l => l.Contains("matches neither reading of reference 5.4", StringComparison.Ordinal)).ToArray();
        Assert.That(lines, logged ? Has.One.Contains($"service length {serviceLength} matches neither reading") : Is.Empty);
    }
}
