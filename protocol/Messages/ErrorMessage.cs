namespace EStreamer.Protocol.Messages;

/// <summary>Error, type 1: signed code and UTF-8 text with a 16-bit length (reference 7.2).</summary>
public sealed record ErrorMessage(int Code, string Text) : IMessage
{
    /// <summary>The code clients are told to use for their own errors.</summary>
    public const int GenericCode = -1;

    public MessageType MessageType => MessageType.Error;
}
