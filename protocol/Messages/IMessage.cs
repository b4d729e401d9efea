namespace EStreamer.Protocol.Messages;

/// <summary>One eStreamer message: the standard header's type plus a decoded payload.</summary>
public interface IMessage
{
    MessageType MessageType { get; }
}
