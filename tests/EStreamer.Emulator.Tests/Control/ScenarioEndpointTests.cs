using System.Net;
using System.Text.Json.Nodes;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Protocol.Records.Metadata;

namespace EStreamer.Emulator.Tests.Control;

/// <summary>POST /scenario, /events and /faults over real HTTP, observed by a TLS client.</summary>
[Parallelizable(ParallelScope.All)] // every test starts its own emulator
public sealed class ScenarioEndpointTests
{
    [Test]
    public async Task Broken_scenario_is_refused_whole_with_line_and_column()
    {
        await using var emulator = await RunningEmulator.StartAsync(control: _ => { });
        var response = await PostTextAsync(emulator, "/scenario", "name: broken\ntraffic:\n  - rat: 5\n");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Body["errors"]![0]!["line"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(response.Body["errors"]![0]!["column"]!.GetValue<int>(), Is.EqualTo(5));
            Assert.That(response.Body["errors"]![0]!["message"]!.GetValue<string>(), Does.Contain("'rat'"));
            Assert.That(emulator.Traffic!.Scenario, Is.Null, "nothing half-loaded");
        }
    }

    [Test]
    public async Task Loading_a_shipped_scenario_plays_it_to_new_sessions()
    {
        await using var emulator = await RunningEmulator.StartAsync(control: _ => { });
        var response = await PostTextAsync(emulator, "/scenario?example=sid-remap", string.Empty);
        Assert.That(response.Body["name"]!.GetValue<string>(), Is.EqualTo("sid-remap"));

        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, Requests.Encore52Entries);
        var bundles = await Requests.ReadBundlesAsync(client, b => b.SelectMany(x => x.Items).Any(i => i.Record is IntrusionEventRecord));
        var rule = bundles.SelectMany(b => b.Items).Select(i => i.Record).OfType<RuleMessageRecord>().First(r => r.RuleId == 1_000_001);
        Assert.That(rule.RenderedSignatureId, Is.EqualTo(31337));
    }

    [Test]
    public async Task Injected_events_reach_a_streaming_client_at_once()
    {
        await using var emulator = await RunningEmulator.StartAsync(control: _ => { });
        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, EventStreamRequestMessage.FromNow, Requests.Encore52Entries);
        await emulator.WaitForSessionAsync(s => s.State == EStreamer.Emulator.Sessions.SessionState.Streaming);

        var response = await PostTextAsync(emulator, "/events", "timeline:\n  - at: 0s\n    intrusion:\n      source-ip: 198.51.100.7\n");
        Assert.That(response.Body["appended"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(1));
        var bundles = await Requests.ReadBundlesAsync(client, b => b.SelectMany(x => x.Items).Any(i => i.Record is IntrusionEventRecord));
        var intrusion = bundles.SelectMany(b => b.Items).Select(i => i.Record).OfType<IntrusionEventRecord>().Single();
        Assert.That(intrusion.SourceIp, Is.EqualTo(IPAddress.Parse("198.51.100.7")));
    }

    [Test]
    public async Task A_fault_fired_through_the_api_hits_the_named_session()
    {
        await using var emulator = await RunningEmulator.StartAsync(control: _ => { });
        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, EventStreamRequestMessage.FromNow, Requests.Encore52Entries);
        var session = await emulator.WaitForSessionAsync(s => s.State == EStreamer.Emulator.Sessions.SessionState.Streaming);

        var fired = await emulator.Http!.SendAsync(HttpMethod.Post, "/faults", new Dictionary<string, object> { ["session"] = session.Id, ["kind"] = "error-message", ["code"] = 7, ["text"] = "injected" });
        Assert.That(fired.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await client.ReceiveAsync<ErrorMessage>(), Is.EqualTo(new ErrorMessage(7, "injected")));

        var missing = await emulator.Http!.SendAsync(HttpMethod.Post, "/faults", new Dictionary<string, object> { ["session"] = 999, ["kind"] = "stall", ["duration"] = "1s" });
        var invalid = await emulator.Http!.SendAsync(HttpMethod.Post, "/faults", new Dictionary<string, object> { ["session"] = session.Id, ["kind"] = "stall" });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(missing.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(invalid.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(invalid.Body!["errors"]![0]!["message"]!.GetValue<string>(), Does.Contain("duration"));
        }
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> PostTextAsync(RunningEmulator emulator, string path, string text)
    {
        using var content = new StringContent(text, System.Text.Encoding.UTF8, "application/yaml");
        using var response = await emulator.Http!.PostAsync(path, content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (response.StatusCode, body);
    }
}
