using EStreamer.Protocol.Records;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Model;

/// <summary>
/// A scenario compiled for one start time: the metadata it defines and the events to play.
/// </summary>
public sealed class ScenarioPlan
{
    private readonly Func<IEnumerable<PlannedEvent>> _events;

    internal ScenarioPlan(
        Scenario scenario,
        DateTimeOffset start,
        IReadOnlyList<IRecord> metadata,
        IReadOnlyList<ScenarioHost> hosts,
        Func<IEnumerable<PlannedEvent>> events)
    {
        Scenario = scenario;
        Start = start;
        Metadata = metadata;
        Hosts = hosts;
        _events = events;
    }

    public Scenario Scenario { get; }

    public DateTimeOffset Start { get; }

    /// <summary>Every metadata record the scenario defines, in a stable order (devices, priorities, classifications, rules, policies...).</summary>
    public IReadOnlyList<IRecord> Metadata { get; }

    /// <summary>The inside hosts generated events use as initiators, targets and discovery subjects.</summary>
    public IReadOnlyList<ScenarioHost> Hosts { get; }

    /// <summary>
    /// The timeline and all traffic merged in non-decreasing <see cref="PlannedEvent.Offset"/> order, history
    /// (negative offsets) first. Generated lazily: an endless block never ends, so take what you need. Each
    /// enumeration starts afresh and yields the same records (timeline events are the same instances every
    /// time; generated traffic is equal in value and bytes).
    /// </summary>
    public IEnumerable<PlannedEvent> Events
    {
        get
        {
            foreach (var planned in _events())
            {
                yield return planned;
            }
        }
    }
}
