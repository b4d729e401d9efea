using EStreamer.Client;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Protocol.Records.Metadata;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;

namespace EStreamer.Emulator.Fixture.Tests;

/// <summary>The fixture started with a scenario: its records reach a client as soon as it connects.</summary>
public sealed class ScenarioFixtureTests
{
    [Test]
    public async Task Fixture_started_with_the_sid_remap_scenario_streams_its_remapped_rule()
    {
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorFixtureOptions { Scenario = ScenarioLoader.LoadExample("sid-remap") });
        using var certificate = emulator.LoadClientCertificate();
        await using var client = await EStreamerClient.ConnectAsync(EmulatorFixtureTests.Options(emulator, certificate));
        await client.OpenStreamAsync(StreamRequest.Extended(0, RequestFlags.EncoreDefault, new EventTypeEntry(11, 12), new EventTypeEntry(4, 21)));

        var records = new List<Protocol.Records.IRecord>();
        await foreach (var item in client.ReadRecordsAsync())
        {
            records.Add(item.Data.Record);
            if (records.OfType<IntrusionEventRecord>().Any())
            {
                break;
            }
        }

        var rule = records.OfType<RuleMessageRecord>().Single(r => r.RuleId == records.OfType<IntrusionEventRecord>().First().RuleId);
        Assert.That(rule.RenderedSignatureId, Is.EqualTo(31337));
    }
}
