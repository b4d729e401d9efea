namespace EStreamer.Protocol.Messages;

/// <summary>Message type field of the standard header; values are the wire numbers (reference 2.2).</summary>
public enum MessageType : ushort
{
    Null = 0,
    Error = 1,
    EventStreamRequest = 2,
    EventData = 4,
    HostDataRequest = 5,
    SingleHostData = 6,
    MultipleHostData = 7,
    StreamingRequest = 2049,
    StreamingInformation = 2051,
    MessageBundle = 4002,
}
