using EStreamer.Protocol.Records;

namespace EStreamer.Scenarios.Model;

/// <summary>
/// One record of a compiled plan.
/// </summary>
/// <param name="Offset">
/// Time relative to the plan's start. Negative offsets are history: records the server already holds when it
/// starts, so a client asking for the oldest data gets some.
/// </param>
/// <param name="Record">The record; its event timestamps are start + offset in UNIX seconds.</param>
/// <param name="Metadata">
/// The metadata records this record refers to (device name, rule message, classification, policies, user...);
/// a server sends each before the first record that needs it in a session.
/// </param>
/// <param name="Id">The timeline id of the event this record is (or repeats); null for generated traffic and companions.</param>
/// <param name="IsDuplicate">True when the record repeats an earlier one: same instance, same bytes.</param>
public sealed record PlannedEvent(TimeSpan Offset, IRecord Record, IReadOnlyList<IRecord> Metadata, string? Id, bool IsDuplicate);
