using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// What one event must look like: its time, the fields the scenario gives (which win), the intrusion event it
/// is about (impact alerts and correlation events), and whether to add companions (packets, extra data) on
/// the generator's own initiative, as traffic blocks do; timeline events get only the companions they name.
/// </summary>
internal readonly record struct GenerationRequest(EventStamp Stamp, EventFields Given, IntrusionEventRecord? Related, bool AutoCompanions);
