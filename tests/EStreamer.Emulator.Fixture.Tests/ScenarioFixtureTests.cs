using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Protocol.Records.Metadata;
using EStreamer.Scenarios;

namespace EStreamer.Emulator.Fixture.Tests;

/// <summary>The fixture started with a scenario: its records reach a client as soon as it connects.</summary>
public sealed class ScenarioFixtureTests
{
    [Test]
    public async Task Fixture_started_with_the_sid_remap_scenario_streams_its_remapped_rule()
    {
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorFixtureOptions { Scenario = ScenarioLoader.LoadExample("sid-remap") });
        using var certificate = emulator.LoadClientCertificate();
        await using var client = await MinimalClient.ConnectAsync(emulator.Host, emulator.Port, certificate);
        await client.SendAsync(new EventStreamRequestMessage(0, RequestFlags.EncoreDefault));
        Assert.That(await client.ReceiveAsync(), Is.InstanceOf<StreamingInformationMessage>());
        await client.SendAsync(new StreamingRequestMessage(StreamingRequestMessage.EStreamerService, RequestFlags.EncoreDefault, 0, new EventTypeEntry[] { new(11, 12), new(4, 21) }));

        var records = new List<Protocol.Records.IRecord>();
        while (!records.OfType<IntrusionEventRecord>().Any())
        {
            if (await client.ReceiveAsync() is MessageBundle bundle)
            {
                records.AddRange(bundle.Items.Select(i => i.Record));
                await client.SendAsync(NullMessage.Instance);
            }
        }

        var rule = records.OfType<RuleMessageRecord>().Single(r => r.RuleId == records.OfType<IntrusionEventRecord>().First().RuleId);
        Assert.That(rule.RenderedSignatureId, Is.EqualTo(31337));
    }
}
