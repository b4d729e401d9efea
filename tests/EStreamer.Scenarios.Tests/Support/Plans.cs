using EStreamer.Protocol.Records;

namespace EStreamer.Scenarios.Tests.Support;

/// <summary>Helpers shared by the plan tests.</summary>
internal static class Plans
{
    /// <summary>A fixed start, so that expected event seconds can be written down.</summary>
    public static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static string ExamplePath(string name) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "examples", name + ".yaml");

    public static Scenario Example(string name) => ScenarioLoader.LoadFile(ExamplePath(name));

    public static byte[] Bytes(IRecord record) => RecordCodec.WriteBody(record);

    public static IReadOnlyList<byte[]> EncodedRecords(ScenarioPlan plan, int count) =>
        plan.Events.Take(count).Select(e => Bytes(e.Record)).ToList();
}
