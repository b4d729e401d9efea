using System.Globalization;
using System.Text.Json.Nodes;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Control;

/// <summary>Client messages as the journal shows them: a kind, one line of text, and their fields as JSON.</summary>
internal static class ClientMessages
{
    public static string Kind(IMessage message) => message.MessageType switch
    {
        MessageType.Null => "null",
        MessageType.Error => "error",
        MessageType.EventStreamRequest => "event-stream-request",
        MessageType.HostDataRequest => "host-data-request",
        MessageType.StreamingRequest => "streaming-request",
        var other => $"message-{(ushort)other}",
    };

    public static string Text(IMessage message) => message switch
    {
        NullMessage => "Null",
        ErrorMessage error => $"Error {error.Code} \"{error.Text}\"",
        EventStreamRequestMessage request =>
            $"Event Stream Request: start {request.InitialTimestamp}, flags 0x{(uint)request.Flags:X8} ({request.Flags.Describe()})",
        StreamingRequestMessage streaming =>
            $"Streaming Request: service {streaming.ServiceId}, start {streaming.InitialTimestamp}, flags 0x{(uint)streaming.Flags:X8}, " +
            $"entries {string.Join(", ", streaming.Entries.Select(e => $"{e.Code} v{e.Version}"))}",
        HostDataRequestMessage host => $"Host Data Request: type {host.DataType}, flags {host.Flags}, {host.StartAddress} - {host.EndAddress}",
        var other => $"message type {(ushort)other.MessageType}",
    };

    public static JsonObject ToJson(IMessage message)
    {
        var json = new JsonObject { ["type"] = (int)message.MessageType };
        switch (message)
        {
            case ErrorMessage error:
                json["code"] = error.Code;
                json["text"] = error.Text;
                break;
            case EventStreamRequestMessage request:
                json["initialTimestamp"] = request.InitialTimestamp;
                AddFlags(json, request.Flags);
                break;
            case StreamingRequestMessage streaming:
                json["serviceId"] = streaming.ServiceId;
                json["initialTimestamp"] = streaming.InitialTimestamp;
                AddFlags(json, streaming.Flags);
                json["entries"] = new JsonArray(streaming.Entries
                    .Select(e => (JsonNode)new JsonObject
                    {
                        ["code"] = e.Code,
                        ["version"] = e.Version,
                        ["family"] = Enum.IsDefined(typeof(EventFamily), e.Code) ? Name((EventFamily)e.Code) : null,
                    })
                    .ToArray());
                break;
            case HostDataRequestMessage host:
                json["dataType"] = host.DataType;
                json["flags"] = host.Flags;
                json["startAddress"] = host.StartAddress.ToString();
                json["endAddress"] = host.EndAddress.ToString();
                break;
        }

        return json;
    }

    /// <summary>Enum names as the JSON elsewhere writes them ("impact-alert").</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static void AddFlags(JsonObject json, RequestFlags flags)
    {
        json["flags"] = (uint)flags;
        json["flagsHex"] = "0x" + ((uint)flags).ToString("X8", CultureInfo.InvariantCulture);
        json["flagNames"] = new JsonArray((flags == RequestFlags.None ? [] : flags.Describe().Split(", ")).Select(n => (JsonNode)JsonValue.Create(n)).ToArray());
    }
}
