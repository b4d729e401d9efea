namespace EStreamer.Protocol.Messages;

/// <summary>Null, type 0: header only. Server keep-alive while idle; client acknowledgement (reference 7.1).</summary>
public sealed record NullMessage : IMessage
{
    public static readonly NullMessage Instance = new();

    public MessageType MessageType => MessageType.Null;
}
