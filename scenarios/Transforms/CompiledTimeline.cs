using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Transforms;

/// <summary>The timeline's events in offset order, and the first event ID left for generated traffic.</summary>
internal sealed record CompiledTimeline(IReadOnlyList<PlannedEvent> Events, uint NextEventId);
