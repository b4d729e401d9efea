using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Control;

/// <summary>
/// One line of the session journal. <see cref="Kind"/> is the client message type ("event-stream-request",
/// "null"...) or the server decision ("negotiated", "bundle", "keepalive", "closed", "refused"...).
/// A client message is kept as decoded (<see cref="ClientMessage"/>) and rendered as JSON on demand.
/// </summary>
public sealed record JournalEntry(
    long Sequence,
    DateTimeOffset Time,
    uint Session,
    JournalDirection Direction,
    string Kind,
    string Text,
    [property: JsonIgnore] IMessage? ClientMessage)
{
    /// <summary>The client message's fields, or null for server entries.</summary>
    public JsonObject? Message => ClientMessage is null ? null : ClientMessages.ToJson(ClientMessage);
}
