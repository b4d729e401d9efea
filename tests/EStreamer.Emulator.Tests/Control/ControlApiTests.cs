using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Emulator.Tests.Control;

/// <summary>The control API over real HTTP on 127.0.0.1: health, readiness and the service switch, tokens, reset, metrics, OpenAPI.</summary>
[Parallelizable(ParallelScope.All)] // every test starts its own emulator
public sealed class ControlApiTests
{
    private const string Token = "s3cret-token";

    [Test]
    public async Task Healthz_answers_while_the_process_runs()
    {
        await using var emulator = await StartAsync();
        var health = await emulator.Http!.GetJsonAsync("/healthz");
        Assert.That(health["status"]!.GetValue<string>(), Is.EqualTo("ok"));
    }

    [Test]
    public async Task Disabling_the_service_turns_readyz_to_503_closes_clients_silently_and_refuses_the_tls_port()
    {
        await using var emulator = await StartAsync();
        var http = emulator.Http!;
        var ready = await http.GetJsonAsync("/readyz");
        Assert.That(ready["ready"]!.GetValue<bool>(), Is.True);

        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, [new EventTypeEntry(11, 12)]);
        await client.ReceiveAsync<MessageBundle>();
        var id = await http.WaitForSessionIdAsync(s => s["state"]!.GetValue<string>() == "streaming");

        var disabled = await http.SendAsync(HttpMethod.Post, "/service", new { enabled = false });
        var notReady = await http.SendAsync(HttpMethod.Get, "/readyz");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(disabled.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(disabled.Body!["enabled"]!.GetValue<bool>(), Is.False);
            Assert.That(notReady.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(notReady.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(notReady.Body!["detail"]!.GetValue<string>(), Does.Contain("disabled"));
            Assert.That(notReady.Body!["serviceEnabled"]!.GetValue<bool>(), Is.False);
        }

        var (closed, unexpected) = await DrainUntilCloseAsync(client);
        Assert.That(closed, Is.True);
        Assert.That(unexpected, Is.Null, "no Error when the service goes down");
        Assert.That(
            async () =>
            {
                using var tcp = new TcpClient(AddressFamily.InterNetwork);
                await tcp.ConnectAsync(IPAddress.Loopback, emulator.Port);
            },
            Throws.InstanceOf<SocketException>());
        var session = await WaitForAsync(http, $"/sessions/{id}", s => s["state"]!.GetValue<string>() == "closed");
        Assert.That(session["closeReason"]!.GetValue<string>(), Is.EqualTo("service disabled"));

        var enabled = await http.SendAsync(HttpMethod.Post, "/service", new { enabled = true });
        Assert.That(enabled.Body!["listening"]!.GetValue<bool>(), Is.True);
        Assert.That((await http.GetJsonAsync("/readyz"))["ready"]!.GetValue<bool>(), Is.True);
        await using var again = await emulator.ConnectAsync();
    }

    [Test]
    public async Task Service_body_without_enabled_is_a_400_problem()
    {
        await using var emulator = await StartAsync();
        var answer = await emulator.Http!.SendAsync(HttpMethod.Post, "/service", new { enable = false });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(answer.MediaType, Is.EqualTo("application/problem+json"));
        }
    }

    [Test]
    public async Task Unknown_session_is_a_404_problem()
    {
        await using var emulator = await StartAsync();
        var answer = await emulator.Http!.SendAsync(HttpMethod.Get, "/sessions/4242/conformance");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(answer.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(answer.Body!["status"]!.GetValue<int>(), Is.EqualTo(404));
        }
    }

    [TestCase("/sessions", null, HttpStatusCode.Unauthorized, TestName = "Token_set_and_none_sent_is_401")]
    [TestCase("/sessions", "wrong", HttpStatusCode.Unauthorized, TestName = "Token_set_and_a_wrong_one_sent_is_401")]
    [TestCase("/sessions", Token, HttpStatusCode.OK, TestName = "Token_set_and_sent_is_200")]
    [TestCase("/metrics", null, HttpStatusCode.Unauthorized, TestName = "Metrics_need_the_token_too")]
    [TestCase("/openapi/v1.json", null, HttpStatusCode.Unauthorized, TestName = "OpenAPI_document_needs_the_token_too")]
    [TestCase("/healthz", null, HttpStatusCode.OK, TestName = "Healthz_needs_no_token")]
    public async Task Bearer_token_guards_every_endpoint_but_healthz(string path, string? presented, HttpStatusCode expected)
    {
        await using var emulator = await StartAsync(token: Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (presented is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", presented);
        }

        using var response = await emulator.Http!.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(expected));
        if (expected == HttpStatusCode.Unauthorized)
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            }
        }
    }

    [Test]
    public async Task Reset_closes_sessions_silently_and_clears_journal_reports_and_events()
    {
        await using var emulator = await StartAsync();
        var http = emulator.Http!;
        await using (var earlier = await emulator.ConnectAsync())
        {
            await Requests.OpenExtendedAsync(earlier, 0, [new EventTypeEntry(11, 12)]);
            await ReadBothEventsAsync(earlier);
        }

        await WaitForAsync(http, "/conformance", reports => reports.AsArray().Count == 1);
        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, [new EventTypeEntry(11, 12)]);
        await client.ReceiveAsync<MessageBundle>();

        var reset = await http.SendAsync(HttpMethod.Post, "/reset");
        var (closed, unexpected) = await DrainUntilCloseAsync(client);
        var sessions = await http.GetJsonAsync("/sessions");
        var journal = await http.GetJsonAsync("/journal");
        var reports = await http.GetJsonAsync("/conformance");
        await emulator.Control!.Conformance.FlushAsync().WaitAsync(TestClient.DefaultTimeout);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reset.Body!["closedSessions"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(closed, Is.True);
            Assert.That(unexpected, Is.Null, "a reset closes without an Error");
            Assert.That(sessions.AsArray(), Is.Empty);
            Assert.That(journal["entries"]!.AsArray(), Is.Empty);
            Assert.That(reports.AsArray(), Is.Empty);
            Assert.That(Directory.GetFiles(Path.Combine(emulator.Directory, "reports")), Is.Empty);
            Assert.That(emulator.Journal.Count, Is.Zero);
        }

        // The next client starts from a clean slate: from the oldest data it gets the one event appended
        // after the reset, and none of the two from before it.
        emulator.Journal.Append(1_800_000_100, new IntrusionEventRecord { EventId = 3 }, []);
        await using var fresh = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(fresh, 0, [new EventTypeEntry(11, 12)]);
        var first = await fresh.ReceiveAsync<MessageBundle>();
        Assert.That(first.Items.Select(i => ((IntrusionEventRecord)i.Record).EventId), Is.EqualTo(new uint[] { 3 }));
    }

    [Test]
    public async Task Journal_since_returns_only_later_entries_with_growing_sequences()
    {
        await using var emulator = await StartAsync();
        var http = emulator.Http!;
        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, [new EventTypeEntry(11, 12)]);
        await client.ReceiveAsync<MessageBundle>();
        var all = await WaitForAsync(http, "/journal", j => j["entries"]!.AsArray().Count >= 4);
        var sequences = all["entries"]!.AsArray().Select(e => e!["sequence"]!.GetValue<long>()).ToArray();
        var since = sequences[1];
        var later = await http.GetJsonAsync($"/journal?since={since}");
        var first = all["entries"]![0]!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sequences, Is.Ordered.Ascending.And.Unique);
            Assert.That(later["entries"]!.AsArray().Select(e => e!["sequence"]!.GetValue<long>()), Is.All.GreaterThan(since));
            Assert.That(later["entries"]!.AsArray(), Is.Not.Empty);
            Assert.That(first["direction"]!.GetValue<string>(), Is.EqualTo("client"));
            Assert.That(first["kind"]!.GetValue<string>(), Is.EqualTo("event-stream-request"));
            Assert.That(first["text"]!.GetValue<string>(), Does.Contain("ExtendedRequest"));
            Assert.That(DateTimeOffset.Parse(first["time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(all["capacity"]!.GetValue<int>(), Is.EqualTo(10_000));
        }
    }

    [Test]
    public async Task Metrics_count_sessions_traffic_and_refusals_in_prometheus_text()
    {
        await using var emulator = await StartAsync();
        emulator.ExpectError("refused (unknown-certificate)");
        var http = emulator.Http!;
        await using (var client = await emulator.ConnectAsync())
        {
            await Requests.OpenExtendedAsync(client, 0, [new EventTypeEntry(11, 12)]);
            await ReadBothEventsAsync(client);
        }

        using (var stray = emulator.Data.Authority.IssueClientCertificate("127.0.0.1"))
        {
            await using var refused = await emulator.ConnectAsync(stray);
            await refused.WaitForCloseAsync();
        }

        await WaitForAsync(http, "/conformance", reports => reports.AsArray().Count == 1);
        using var response = await http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split('\n');
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
            Assert.That(lines, Does.Contain("estreamer_sessions_total 1"));
            Assert.That(lines, Does.Contain("estreamer_sessions_open 0"));
            Assert.That(lines, Does.Contain("estreamer_bundles_sent_total 1"));
            Assert.That(lines, Does.Contain("estreamer_events_sent_total 2"));
            Assert.That(lines, Does.Contain("estreamer_client_nulls_total 1"));
            Assert.That(lines, Does.Contain("estreamer_connections_refused_total{reason=\"unknown-certificate\"} 1"));
            Assert.That(lines, Does.Contain("estreamer_service_enabled 1"));
            Assert.That(text, Does.Contain("estreamer_bytes_sent_total ").And.Contain("estreamer_keepalives_sent_total ").And.Contain("estreamer_request_errors_total "));
        }
    }

    [Test]
    public async Task OpenAPI_document_parses_and_lists_the_endpoints()
    {
        await using var emulator = await StartAsync();
        using var response = await emulator.Http!.GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(document.RootElement.GetProperty("openapi").GetString(), Does.StartWith("3."));
            Assert.That(paths, Is.SupersetOf(new[]
            {
                "/healthz", "/readyz", "/sessions", "/sessions/{id}", "/sessions/{id}/conformance", "/conformance", "/journal", "/reset", "/service",
            }));
        }
    }

    private static Task<RunningEmulator> StartAsync(string? token = null) => RunningEmulator.StartAsync(
        fill: journal =>
        {
            journal.Append(1_800_000_000, new IntrusionEventRecord { EventId = 1 }, []);
            journal.Append(1_800_000_001, new IntrusionEventRecord { EventId = 2 }, []);
        },
        control: options => options.Token = token);

    /// <summary>Reads the one bundle that holds both journal events and acknowledges it, as eNcore would.</summary>
    private static async Task ReadBothEventsAsync(EStreamerClient client)
    {
        var bundle = await client.ReceiveAsync<MessageBundle>();
        Assert.That(bundle.Items.Select(i => ((IntrusionEventRecord)i.Record).EventId), Is.EqualTo(new uint[] { 1, 2 }));
        await client.SendAsync(NullMessage.Instance);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> WaitForAsync(HttpClient http, string path, Func<System.Text.Json.Nodes.JsonNode, bool> predicate)
    {
        var deadline = DateTime.UtcNow + TestClient.DefaultTimeout;
        while (true)
        {
            var node = await http.GetJsonAsync(path);
            if (predicate(node))
            {
                return node;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"GET {path} never matched: {node.ToJsonString()}");
            }

            await Task.Delay(20);
        }
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
