using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using EStreamer.Emulator.Control;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;

namespace EStreamer.Emulator.Tests.Control;

/// <summary>
/// Hostile control requests over real HTTP: each gets a 4xx problem that names what was wrong, and the API
/// goes on answering.
/// </summary>
[Parallelizable(ParallelScope.All)] // every test starts its own emulator
public sealed class ControlLimitTests
{
    private static readonly string NestedBrackets = new string('[', 60_000) + new string(']', 60_000);

    [TestCase("/scenario", "name: x\ntimeline: ")]
    [TestCase("/events", "timeline: ")]
    public async Task Deeply_nested_yaml_gets_400_at_its_place_and_the_server_keeps_serving(string path, string prefix)
    {
        await using var emulator = await RunningEmulator.StartAsync(control: _ => { });
        var (status, body) = await PostAsync(emulator.Http!, path, prefix + NestedBrackets, "application/yaml");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body!["errors"]![0]!["message"]!.GetValue<string>(), Is.EqualTo($"nesting deeper than {YamlLimits.MaxDepth}"));
            Assert.That(body["errors"]![0]!["line"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(1));
        }

        Assert.That((await emulator.Http!.GetJsonAsync("/healthz"))["status"]!.GetValue<string>(), Is.EqualTo("ok"));
    }

    [Test]
    public async Task A_body_over_the_limit_gets_413_problem_json()
    {
        await using var emulator = await RunningEmulator.StartAsync(control: c => c.MaxRequestBodyBytes = 64 * 1024);
        var (status, body) = await PostAsync(emulator.Http!, "/scenario", "name: x\ndescription: " + new string('a', 100 * 1024) + "\n", "application/yaml");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(body!["detail"]!.GetValue<string>(), Does.Contain("at most 65536 bytes"));
        }

        var (small, _) = await PostAsync(emulator.Http!, "/scenario", "name: small\n", "application/yaml");
        Assert.That(small, Is.EqualTo(HttpStatusCode.OK), "a body under the limit is still taken");
    }

    [Test]
    public async Task Expensive_requests_beyond_the_concurrency_limit_get_429()
    {
        await using var emulator = await RunningEmulator.StartAsync(control: c => (c.MaxConcurrentLoads, c.MaxQueuedLoads) = (1, 0));

        // A request whose body never finishes holds the one permit; requests behind it are turned away, not queued.
        // Before each probe it sends one more line of its body (a comment), so its upload keeps well above
        // Kestrel's minimum data rate for as long as the probes take and the server never drops it as stalled.
        // A probe that reaches the server before the held request takes the permit first, and the held request
        // is then the one refused (its connection closes); it is opened again until it holds the permit.
        var line = System.Text.Encoding.ASCII.GetBytes("#" + new string('x', 510) + "\n");
        var held = await OpenHeldUploadAsync(emulator.ControlServer!.Port);
        var refused = await PostUntilAsync(emulator.Http!, HttpStatusCode.TooManyRequests, async () =>
        {
            try
            {
                await held.SendAsync(line);
            }
            catch (SocketException)
            {
                held.Dispose();
                held = await OpenHeldUploadAsync(emulator.ControlServer!.Port);
            }
        });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(refused.Body?["title"]?.GetValue<string>(), Is.EqualTo("too many requests"));
        }

        held.Dispose();
        var after = await PostUntilAsync(emulator.Http!, HttpStatusCode.OK);
        Assert.That(after.Status, Is.EqualTo(HttpStatusCode.OK), "once the held request ends the endpoint takes requests again");
    }

    /// <summary>A connection that has sent the headers of a 500,000-byte upload to /events and none of its body.</summary>
    private static async Task<Socket> OpenHeldUploadAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await socket.SendAsync("POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/yaml\r\nContent-Length: 500000\r\n\r\n"u8.ToArray());
        return socket;
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> PostUntilAsync(HttpClient http, HttpStatusCode wanted, Func<Task>? beforeEach = null)
    {
        var deadline = DateTime.UtcNow + TestClient.DefaultTimeout;
        (HttpStatusCode Status, JsonNode? Body) answer;
        do
        {
            if (beforeEach is not null)
            {
                await beforeEach();
            }

            answer = await PostAsync(http, "/events", "timeline: []\n", "application/yaml");
        }
        while (answer.Status != wanted && DateTime.UtcNow < deadline);

        return answer;
    }

    [TestCase("\"abc\"")]
    [TestCase("-1")]
    [TestCase("1e99")]
    public async Task A_fault_with_a_bad_session_gets_400_naming_the_key(string session)
    {
        await using var emulator = await RunningEmulator.StartAsync(control: _ => { });
        var (status, body) = await PostAsync(emulator.Http!, "/faults", $$"""{"session": {{session}}, "kind": "stall", "duration": "1s"}""", "application/json");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body!["errors"]![0]!["key"]!.GetValue<string>(), Is.EqualTo("session"));
            Assert.That(body["detail"]!.GetValue<string>(), Does.Contain("'session'").And.Contain(session));
        }
    }

    [TestCase("/journal?since=abc", "since")]
    [TestCase("/journal?session=-1", "session")]
    [TestCase("/journal?limit=99999999999", "limit")]
    [TestCase("/sessions/xyz", "id")]
    [TestCase("/sessions/99999999999/conformance", "id")]
    public async Task A_query_or_route_value_that_does_not_bind_gets_400_naming_it(string path, string name)
    {
        await using var emulator = await RunningEmulator.StartAsync(control: _ => { });
        using var response = await emulator.Http!.GetAsync(path);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(body!["detail"]!.GetValue<string>(), Does.Contain(name));
        }
    }

    [TestCase("{\"enabled\": ")]
    [TestCase("[[[[")]
    [TestCase("{\"enabled\": \"yes\"}")]
    public async Task A_service_body_that_is_not_the_expected_json_gets_400(string json)
    {
        await using var emulator = await RunningEmulator.StartAsync(control: _ => { });
        var (status, body) = await PostAsync(emulator.Http!, "/service", json, "application/json");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body!["detail"]!.GetValue<string>(), Does.Contain("change").Or.Contain("enabled"));
        }
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(HttpClient http, string path, string text, string mediaType)
    {
        using var content = new StringContent(text, Encoding.UTF8, mediaType);
        using var response = await http.PostAsync(path, content);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length == 0 ? null : JsonNode.Parse(body));
    }
}
