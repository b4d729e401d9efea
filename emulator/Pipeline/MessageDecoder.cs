using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;
using EStreamer.Emulator.Logging;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EStreamer.Emulator.Pipeline;

/// <summary>
/// Turns one frame (header + payload, cut by <see cref="MessageFramer"/>) into a typed message through the
/// protocol reader. After a bad frame it stays failed and discards the rest: the session answers with an
/// Error and closes (disconnect rule for errors while processing a request, reference 7.3).
/// </summary>
internal sealed class MessageDecoder : MessageToMessageDecoder<IByteBuffer>
{
    private readonly uint _maxLength;
    private readonly ILogger _logger;
    private readonly uint _connectionId;
    private bool _failed;

    public MessageDecoder(uint maxLength, ILogger? logger = null, uint connectionId = 0)
    {
        _maxLength = maxLength;
        _logger = logger ?? NullLogger.Instance;
        _connectionId = connectionId;
    }

    protected override void Decode(IChannelHandlerContext context, IByteBuffer message, List<object> output)
    {
        if (_failed)
        {
            return;
        }

        var length = message.ReadableBytes;
        var bytes = new byte[length];
        message.ReadBytes(bytes);
        try
        {
            var decoded = MessageCodec.Read(bytes, _maxLength);
            if (decoded is StreamingRequestMessage { ServiceLength: { } serviceLength } && !IsKnownServiceLength(serviceLength, length))
            {
                Log.UnusualServiceLength(_logger, _connectionId, serviceLength, (uint)(length - MessageHeader.Size));
            }

            output.Add(decoded);
        }
        catch (ProtocolException)
        {
            _failed = true;
            throw;
        }
    }

    /// <summary>
    /// Reference 5.4: a 2049's service length is either the bytes after the service's type and length words
    /// (the guide's examples) or the whole payload (eNcore). Other values are accepted too, but logged.
    /// </summary>
    private static bool IsKnownServiceLength(uint serviceLength, int frameLength)
    {
        var payload = (uint)(frameLength - MessageHeader.Size);
        return serviceLength == payload || (payload >= 8 && serviceLength == payload - 8);
    }
}
