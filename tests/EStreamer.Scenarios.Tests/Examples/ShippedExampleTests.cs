using EStreamer.Protocol.Negotiation;
using EStreamer.Scenarios.Tests.Support;

namespace EStreamer.Scenarios.Tests.Examples;

public sealed class ShippedExampleTests
{
    private static readonly string[] Expected =
    [
        "all-event-types",
        "disconnect-mid-stream",
        "duplicates-on-reconnect",
        "every-record",
        "high-rate",
        "keepalive-gap",
        "quickstart",
        "records-encore-cannot-decode",
        "sid-remap",
        "unknown-records",
    ];

    private static IEnumerable<TestCaseData> Examples() =>
        Expected.Select(name => new TestCaseData(name).SetName($"Example {name} loads, compiles and plays in order"));

    [Test]
    public void Every_expected_example_is_shipped_and_embedded()
    {
        var onDisk = Directory.GetFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "examples"), "*.yaml")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);

        Assert.That(onDisk, Is.EqualTo(Expected));
        Assert.That(ScenarioLoader.ExampleNames, Is.EqualTo(Expected));
    }

    [TestCaseSource(nameof(Examples))]
    public void Example_loads_compiles_and_plays_in_order(string name)
    {
        var scenario = Plans.Example(name);
        var plan = scenario.Compile(Plans.Start);
        var events = plan.Events.Take(3000).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Name, Is.EqualTo(name));
            Assert.That(scenario.Description, Is.Not.Empty);
            Assert.That(events, Is.Not.Empty);
            Assert.That(events.Zip(events.Skip(1)).All(p => p.First.Offset <= p.Second.Offset), Is.True, "offsets never decrease");
            Assert.That(
                events.Where(e => RecordFamilies.FamilyOf(e.Record.RecordType) != EventFamily.Metadata).All(e => e.Metadata.Count > 0),
                Is.True,
                "every event names the metadata it refers to");
            Assert.That(plan.Metadata, Is.Not.Empty);
        }
    }

    [TestCaseSource(nameof(Examples))]
    public void Example_starts_with_a_comment_block_saying_what_a_correct_client_shows(string name)
    {
        var text = File.ReadAllText(Plans.ExamplePath(name));

        Assert.That(text, Does.StartWith($"# {name}:"));
        Assert.That(text, Does.Contain("A correct client shows"));
    }

    [Test]
    public void Embedded_example_equals_the_shipped_file()
    {
        Assert.That(ScenarioLoader.ExampleText("quickstart"), Is.EqualTo(File.ReadAllText(Plans.ExamplePath("quickstart"))));
        Assert.That(ScenarioLoader.LoadExample("quickstart").Name, Is.EqualTo("quickstart"));
    }

    [Test]
    public void Examples_pin_the_server_settings_they_document()
    {
        var highRate = Plans.Example("high-rate");
        var keepalive = Plans.Example("keepalive-gap");
        var all = Plans.Example("all-event-types");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(highRate.Server.BundleMaxEvents, Is.EqualTo(500));
            Assert.That(keepalive.Server.KeepaliveInterval, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(all.Server.EnabledFamilies, Has.Count.EqualTo(11));
            Assert.That(Plans.Example("quickstart").Server, Is.EqualTo(ServerSettings.None));
        }
    }

    [Test]
    public void Fault_examples_carry_their_parameters()
    {
        var faults = Plans.Example("disconnect-mid-stream").Faults;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(faults.Select(f => f.Kind), Is.EqualTo(new[]
            {
                FaultKind.GracefulDisconnect, FaultKind.ErrorMessage, FaultKind.SlowDrip, FaultKind.GracefulDisconnect, FaultKind.RefuseConnections, FaultKind.TcpReset,
            }));
            Assert.That(faults[0], Is.EqualTo(new FaultSpec { Kind = FaultKind.GracefulDisconnect, AfterMessages = 500, Connection = 1 }));
            Assert.That(faults[1].Code, Is.EqualTo(-1));
            Assert.That(faults[1].Text, Is.EqualTo("Internal error: event store unavailable"));
            Assert.That(faults[2].BytesPerSecond, Is.EqualTo(2048));
            Assert.That(faults[2].Duration, Is.EqualTo(TimeSpan.FromSeconds(15)));
            Assert.That(faults[4].Count, Is.EqualTo(2));
            Assert.That(faults[5], Is.EqualTo(new FaultSpec { Kind = FaultKind.TcpReset, AfterMessages = 300, Connection = 4 }), "the reset comes last");
            Assert.That(Plans.Example("unknown-records").Faults[0].RecordType, Is.EqualTo(FaultSpec.DefaultUnknownRecordType));
            Assert.That(Plans.Example("keepalive-gap").Faults[1], Is.EqualTo(new FaultSpec { Kind = FaultKind.Stall, At = TimeSpan.FromSeconds(70), Duration = TimeSpan.FromSeconds(90) }));
        }
    }
}
