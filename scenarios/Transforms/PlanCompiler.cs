using EStreamer.Scenarios.Generators;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Transforms;

/// <summary>Builds a <see cref="ScenarioPlan"/>: the timeline now, the traffic blocks lazily on each enumeration.</summary>
internal static class PlanCompiler
{
    public static ScenarioPlan Compile(Scenario scenario, DateTimeOffset start)
    {
        var world = scenario.World;
        var hosts = new HostPool(Seeds.Derive(scenario.Seed, "hosts", 0));
        var words = new Vocabulary(Seeds.Derive(scenario.Seed, "vocabulary", 0));
        var errors = new List<ScenarioError>();
        var timeline = TimelineCompiler.Compile(scenario, start, world, hosts, words, errors);
        foreach (var block in scenario.Traffic)
        {
            if (EventStamp.At(start, block.Start) is null)
            {
                errors.Add(new ScenarioError(
                    block.Location.File,
                    block.Location.Line,
                    block.Location.Column,
                    $"impossible timestamp: with the start {start:u} '{block.Name}' begins at {start + block.Start:u}, before 1970-01-01 or after 2106-02-07"));
            }
        }

        if (errors.Count > 0)
        {
            throw new ScenarioException(errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());
        }

        var hostList = hosts.Hosts.Select(h => new ScenarioHost(h.Address, h.Mac.ToArray(), h.Name)).ToArray();
        return new ScenarioPlan(scenario, start, world.AllRecords, hostList, () => Enumerate(scenario, start, world, hosts, words, timeline));
    }

    private static IEnumerable<PlannedEvent> Enumerate(Scenario scenario, DateTimeOffset start, ScenarioWorld world, HostPool hosts, Vocabulary words, CompiledTimeline timeline)
    {
        // One allocator per enumeration: event IDs continue after the timeline's and repeat run to run.
        var ids = new EventIdAllocator(timeline.NextEventId);
        var sources = new List<IEnumerable<PlannedEvent>> { timeline.Events };
        foreach (var block in scenario.Traffic)
        {
            var seed = block.Seed ?? Seeds.Derive(scenario.Seed, "traffic", block.Index);
            sources.Add(TrafficStream.Generate(block, seed, start, world, hosts, words, ids));
        }

        return PlanMerger.Merge(sources);
    }
}
