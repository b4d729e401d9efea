using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Scenarios.Generators;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Transforms;

/// <summary>
/// Turns the scripted timeline into planned events for one start time. The timeline is finite, so this runs
/// eagerly: every impossible time is found before a server streams anything. A resend step yields the very
/// record instances of the step it names, at its own offset, flagged as duplicates.
/// </summary>
internal sealed class TimelineCompiler
{
    private readonly Scenario _scenario;
    private readonly DateTimeOffset _start;
    private readonly EventGenerators _generators;
    private readonly Dictionary<int, IReadOnlyList<GeneratedRecord>> _groups = [];
    private readonly Dictionary<string, TimelineStep> _ids;
    private readonly List<ScenarioError> _errors = [];
    private EventStamp[] _stamps = [];

    private TimelineCompiler(Scenario scenario, DateTimeOffset start, ScenarioWorld world, HostPool hosts, Vocabulary words)
    {
        _scenario = scenario;
        _start = start;
        var context = new GeneratorContext(world, hosts, words, new EventIdAllocator(1), packets: false, extraData: false, impactAlerts: false);
        _generators = new EventGenerators(context, Seeds.Derive(scenario.Seed, "timeline", 0));
        _ids = scenario.Timeline.Where(s => s.Id is not null).ToDictionary(s => s.Id!, StringComparer.Ordinal);
    }

    public static CompiledTimeline Compile(Scenario scenario, DateTimeOffset start, ScenarioWorld world, HostPool hosts, Vocabulary words, List<ScenarioError> errors)
    {
        var compiler = new TimelineCompiler(scenario, start, world, hosts, words);
        var events = compiler.Run();
        errors.AddRange(compiler._errors);
        return new CompiledTimeline(events, compiler._generators.Context.Ids.Peek);
    }

    private List<PlannedEvent> Run()
    {
        var steps = _scenario.Timeline;
        var times = TimelineClock.Resolve(steps);
        var offsets = times.Select(t => TimelineClock.OffsetFrom(_start, t)).ToArray();
        _stamps = new EventStamp[steps.Count];
        for (var i = 0; i < steps.Count; i++)
        {
            if (EventStamp.At(_start, offsets[i]) is { } stamp)
            {
                // Steps written on whole seconds would all share the start's microsecond: each gets its own, seeded.
                _stamps[i] = stamp.Jittered(Seeds.Derive(_scenario.Seed, "timeline-microsecond", i), 1_000_000);
            }
            else
            {
                var at = _start + offsets[i];
                Error(steps[i].TimeLocation, $"impossible timestamp: with the start {_start:u} this step falls at {at:u}, outside unsigned 32-bit UNIX seconds (1970-01-01 to 2106-02-07)");
            }
        }

        if (_errors.Count > 0)
        {
            return [];
        }

        var events = new List<(TimeSpan Offset, int Order, PlannedEvent Event)>();
        foreach (var step in steps)
        {
            var offset = offsets[step.Index];
            if (step.ResendOf is { } target)
            {
                var original = _ids[target];
                if (offsets[original.Index] > offset)
                {
                    Error(step.TimeLocation, $"impossible timestamp: this resend comes before the event '{target}' it repeats");
                    continue;
                }

                foreach (var record in GroupFor(original))
                {
                    events.Add((offset, events.Count, new PlannedEvent(offset, record.Record, record.Metadata, target, IsDuplicate: true)));
                }

                continue;
            }

            foreach (var record in GroupFor(step))
            {
                events.Add((offset, events.Count, new PlannedEvent(offset, record.Record, record.Metadata, step.Id, IsDuplicate: false)));
            }
        }

        return events.OrderBy(e => e.Offset).ThenBy(e => e.Order).Select(e => e.Event).ToList();
    }

    // Generated on first use, so that an impact alert or correlation step can name an intrusion written later.
    private IReadOnlyList<GeneratedRecord> GroupFor(TimelineStep step)
    {
        if (_groups.TryGetValue(step.Index, out var group))
        {
            return group;
        }

        IntrusionEventRecord? related = null;
        if (step.Fields.Of is { } of)
        {
            related = (IntrusionEventRecord)GroupFor(_ids[of])[0].Record;
        }

        group = _generators.Generate(step.Kind!.Value, new GenerationRequest(_stamps[step.Index], step.Fields, related, AutoCompanions: false));
        if (step.Fields.Overrides is { IsEmpty: false } overrides)
        {
            // 'set' has the last word on the event itself; its companions keep what was generated with it.
            group = [group[0] with { Record = overrides.Apply(group[0].Record) }, .. group.Skip(1)];
        }

        _groups[step.Index] = group;
        return group;
    }

    private void Error(SourceLocation at, string message) => _errors.Add(new ScenarioError(at.File, at.Line, at.Column, message));
}
