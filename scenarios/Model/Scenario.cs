using EStreamer.Scenarios.Generators;
using EStreamer.Scenarios.Model;
using EStreamer.Scenarios.Transforms;

namespace EStreamer.Scenarios.Model;

/// <summary>
/// A loaded, validated scenario: what the emulator says (metadata, scripted timeline, generated traffic),
/// how it misbehaves (<see cref="Faults"/>), and which server settings it pins (<see cref="Server"/>).
/// Immutable; <see cref="Compile"/> turns it into a plan for one start time.
/// </summary>
public sealed class Scenario
{
    /// <summary>The seed of a scenario that names none.</summary>
    public const int DefaultSeed = 1;

    private readonly Lazy<ScenarioWorld> _world;

    internal Scenario(
        string sourceFile,
        string name,
        string description,
        int seed,
        ServerSettings server,
        IReadOnlyList<FaultSpec> faults,
        ScenarioMetadata metadata,
        IReadOnlyList<TimelineStep> timeline,
        IReadOnlyList<TrafficBlock> traffic)
    {
        SourceFile = sourceFile;
        Name = name;
        Description = description;
        Seed = seed;
        Server = server;
        Faults = faults;
        Metadata = metadata;
        Timeline = timeline;
        Traffic = traffic;
        _world = new Lazy<ScenarioWorld>(() => new ScenarioWorld(metadata));
    }

    /// <summary>The file name errors are reported against.</summary>
    public string SourceFile { get; }

    public string Name { get; }

    public string Description { get; }

    /// <summary>Seeds every generator; the same scenario, seed and start give the same records.</summary>
    public int Seed { get; }

    public ServerSettings Server { get; }

    public IReadOnlyList<FaultSpec> Faults { get; }

    /// <summary>True when some traffic block runs forever, so <see cref="ScenarioPlan.Events"/> never ends.</summary>
    public bool IsEndless => Traffic.Any(b => b.Count is null && b.Duration is null);

    internal ScenarioMetadata Metadata { get; }

    internal IReadOnlyList<TimelineStep> Timeline { get; }

    internal IReadOnlyList<TrafficBlock> Traffic { get; }

    internal ScenarioWorld World => _world.Value;

    /// <summary>The same scenario with another seed (a CLI's --seed); traffic blocks with their own seed keep it.</summary>
    public Scenario WithSeed(int seed) =>
        new(SourceFile, Name, Description, seed, Server, Faults, Metadata, Timeline, Traffic);

    /// <summary>
    /// The same scenario with its generated traffic rescaled (a CLI's --rate and --history); null keeps that part.
    /// <paramref name="eventsPerSecond"/> becomes the total rate of the live blocks (0 removes them);
    /// <paramref name="historyEvents"/> the number of events the history blocks (finite, over by the start) spread
    /// over the span they cover (0 removes them). Timeline events are not touched.
    /// </summary>
    public Scenario WithTraffic(double? eventsPerSecond, int? historyEvents)
    {
        if (eventsPerSecond is < 0 or double.NaN or double.PositiveInfinity)
        {
            throw new ArgumentOutOfRangeException(nameof(eventsPerSecond), eventsPerSecond, "a rate is 0 or more events per second");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(historyEvents ?? 0, nameof(historyEvents));
        return new(SourceFile, Name, Description, Seed, Server, Faults, Metadata, Timeline, TrafficOverride.Apply(Traffic, eventsPerSecond, historyEvents));
    }

    /// <summary>
    /// Plans the scenario for a server started at <paramref name="start"/>. Throws a
    /// <see cref="ScenarioException"/> if some event would fall outside unsigned 32-bit UNIX seconds.
    /// </summary>
    public ScenarioPlan Compile(DateTimeOffset start) => PlanCompiler.Compile(this, start);
}
