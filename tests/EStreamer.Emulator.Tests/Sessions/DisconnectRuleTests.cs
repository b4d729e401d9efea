using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>
/// The disconnect rules of reference 7.3, each over real TLS: request errors get an Error then a close,
/// a client Error closes, disabling the service closes silently and refuses new connections.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
[Parallelizable(ParallelScope.All)] // every test gets its own instance and emulator
public sealed class DisconnectRuleTests
{
    private RunningEmulator _emulator = null!;

    [SetUp]
    public async Task StartEmulator() => _emulator = await RunningEmulator.StartAsync(
        fill: journal => journal.Append(1_800_000_000, new IntrusionEventRecord { EventId = 1 }, []));

    [TearDown]
    public async Task StopEmulator() => await _emulator.DisposeAsync();

    [Test]
    public async Task Client_error_message_closes_the_connection_without_a_reply()
    {
        await using var client = await OpenStreamingAsync();
        await client.SendAsync(new ErrorMessage(-1, "client giving up"));
        var (closed, unexpected) = await DrainUntilCloseAsync(client);
        Assert.That(closed, Is.True);
        Assert.That(unexpected, Is.Null);
        await _emulator.Logs.WaitForLineAsync(TestClient.DefaultTimeout, "client sent Error -1 \"client giving up\": closing");
    }

    [TestCaseSource(nameof(BadMessages))]
    public async Task Bad_client_message_gets_an_error_then_a_close(string hex, int code, string textFragment)
    {
        _emulator.ExpectError("bad client message");
        await using var client = await _emulator.ConnectAsync();
        await client.SendRawAsync(Convert.FromHexString(hex));
        var error = await client.ReceiveAsync<ErrorMessage>();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Code, Is.EqualTo(code));
            Assert.That(error.Text, Does.Contain(textFragment));
        }

        var (closed, unexpected) = await client.WaitForCloseAsync();
        Assert.That(closed, Is.True, $"closed after the error, not {unexpected}");
    }

    [Test]
    public async Task Request_errors_in_one_session_leave_other_sessions_streaming()
    {
        _emulator.ExpectError("bad client message");
        await using var good = await OpenStreamingAsync();
        await good.ReceiveAsync<MessageBundle>();
        await good.SendAsync(NullMessage.Instance);

        await using (var bad = await _emulator.ConnectAsync())
        {
            await bad.SendRawAsync(Convert.FromHexString("0002000000000000"));
            await bad.ReceiveAsync<ErrorMessage>();
        }

        _emulator.Journal.Append(1_800_000_001, new IntrusionEventRecord { EventId = 2 }, []);
        var bundle = await good.ReceiveAsync<MessageBundle>();
        Assert.That(((IntrusionEventRecord)bundle.Items.Single().Record).EventId, Is.EqualTo(2));
    }

    [Test]
    public async Task Disabling_the_service_closes_sessions_silently_and_refuses_new_connections()
    {
        await using var client = await OpenStreamingAsync();
        await client.ReceiveAsync<MessageBundle>();
        await _emulator.Server.DisableServiceAsync();

        var (closed, unexpected) = await DrainUntilCloseAsync(client);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(closed, Is.True);
            Assert.That(unexpected, Is.Null, "no Error on a service shutdown");
        }

        Assert.That(
            async () => await _emulator.ConnectAsync(),
            Throws.InstanceOf<EStreamerClientException>().With.Property(nameof(EStreamerClientException.Failure)).EqualTo(EStreamerClientFailure.Connect)
                .And.InnerException.InstanceOf<System.Net.Sockets.SocketException>());

        await _emulator.Server.EnableServiceAsync();
        await using var again = await OpenStreamingAsync();
        Assert.That((await again.ReceiveAsync<MessageBundle>()).Items, Is.Not.Empty);
    }

    [Test]
    [Description("Scripts and the readiness check wait for the service to show as enabled, then connect at once.")]
    public async Task Once_the_service_shows_enabled_again_it_accepts_connections()
    {
        for (var i = 0; i < 20; i++)
        {
            await _emulator.Server.DisableServiceAsync();
            var enabling = _emulator.Server.EnableServiceAsync();
            while (!_emulator.Server.ServiceEnabled && !enabling.IsCompleted)
            {
                await Task.Yield();
            }

            await using var client = await _emulator.ConnectAsync();
            await enabling;
        }

        Assert.That(_emulator.Server.Listening, Is.True);
    }

    [Test]
    public async Task A_client_that_resets_mid_stream_ends_only_its_own_session()
    {
        var dropped = await OpenStreamingAsync();
        await dropped.DisposeAsync();
        var info = await _emulator.WaitForSessionAsync(s => s.State == SessionState.Closed);
        Assert.That(info.CloseReason, Is.Not.Null);

        await using var next = await OpenStreamingAsync();
        Assert.That((await next.ReceiveAsync<MessageBundle>()).Items, Is.Not.Empty);
    }

    private static IEnumerable<TestCaseData> BadMessages()
    {
        yield return new TestCaseData("0002000000000000", ServerErrorCode.MalformedMessage, "header version")
            .SetName("Header_version_2_is_a_malformed_message");
        yield return new TestCaseData("0001000200100000", ServerErrorCode.MessageTooLong, "message length")
            .SetName("Length_over_the_maximum_is_refused_before_the_body_arrives");
        yield return new TestCaseData("000100020000000400000000", ServerErrorCode.MalformedMessage, "request flags")
            .SetName("Truncated_event_stream_request_names_the_missing_field");
        yield return new TestCaseData("000100630000000000", ServerErrorCode.MalformedMessage, "unknown message type 99")
            .SetName("Unknown_message_type_is_refused");
        yield return new TestCaseData("0001000400000000", ServerErrorCode.MalformedMessage, "record type")
            .SetName("Event_data_from_a_client_is_malformed_when_empty");
        yield return new TestCaseData("00010801000000140000001A0B00000014000000000000000000000B000C", ServerErrorCode.OutOfOrder, "Streaming Request (2049) is accepted only after")
            .SetName("Streaming_request_without_a_prior_extended_request_is_out_of_order");
        yield return new TestCaseData("0001000500000010000000070000000300000000000000FF", ServerErrorCode.OutOfOrder, "must follow an Event Stream Request")
            .SetName("Host_request_before_an_event_stream_request_is_out_of_order");
    }

    private async Task<EStreamerClient> OpenStreamingAsync()
    {
        var client = await _emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, [new EventTypeEntry(11, 12)]);
        return client;
    }

    private static async Task<(bool Closed, IMessage? Unexpected)> DrainUntilCloseAsync(EStreamerClient client)
    {
        // Keep-alives and data already on the way may arrive before the close; anything else is unexpected.
        while (true)
        {
            var (closed, message) = await client.WaitForCloseAsync();
            if (closed || message is not (NullMessage or MessageBundle))
            {
                return (closed, message);
            }
        }
    }
}
