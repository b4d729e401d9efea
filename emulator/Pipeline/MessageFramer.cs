using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Pipeline;

/// <summary>
/// Cuts the client's byte stream into frames on the 8-byte header (reference 2.1). The length at offset 4 is
/// an unsigned 32-bit count of the bytes after the header: every value over the maximum, 2^31 and above
/// included, fails on the header alone with <see cref="TooLongFrameException"/>. A frame whose header has
/// arrived but whose body stops coming fails after <c>partialTimeout</c> without progress, so a client that
/// promises more than it sends gets an Error instead of a connection that waits forever. After a failure
/// the framer discards everything: the session answers and closes (reference 7.3).
/// </summary>
internal sealed class MessageFramer : ByteToMessageDecoder
{
    private readonly uint _maxLength;
    private readonly TimeSpan _partialTimeout;
    private readonly TimeProvider _time;
    private IChannelHandlerContext? _context;
    private ITimer? _partialTimer;
    private DateTimeOffset _lastProgress;
    private long _promised;
    private int _pending;
    private bool _failed;

    public MessageFramer(uint maxLength, TimeSpan partialTimeout, TimeProvider time)
    {
        _maxLength = maxLength;
        _partialTimeout = partialTimeout;
        _time = time;
    }

    public override void HandlerAdded(IChannelHandlerContext context)
    {
        _context = context;
        base.HandlerAdded(context);
    }

    public override void ChannelInactive(IChannelHandlerContext context)
    {
        StopPartialTimer();
        base.ChannelInactive(context);
    }

    protected override void HandlerRemovedInternal(IChannelHandlerContext context) => StopPartialTimer();

    protected override void Decode(IChannelHandlerContext context, IByteBuffer input, List<object> output)
    {
        if (_failed)
        {
            input.SkipBytes(input.ReadableBytes);
            return;
        }

        while (input.ReadableBytes >= MessageHeader.Size)
        {
            var length = input.GetUnsignedInt(input.ReaderIndex + MessageHeader.LengthFieldOffset);
            if (length > _maxLength)
            {
                Fail(input);
                throw new TooLongFrameException($"length {length} exceeds the maximum of {_maxLength}");
            }

            var frame = MessageHeader.Size + (int)length;
            if (input.ReadableBytes < frame)
            {
                break;
            }

            output.Add(input.ReadRetainedSlice(frame));
        }

        TrackPartial(input);
    }

    /// <summary>Arms (or re-arms, on progress) the idle limit while part of a frame is waiting for the rest.</summary>
    private void TrackPartial(IByteBuffer input)
    {
        var pending = input.ReadableBytes;
        if (pending == 0)
        {
            _pending = 0;
            _partialTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        _promised = pending >= MessageHeader.Size
            ? MessageHeader.Size + (long)input.GetUnsignedInt(input.ReaderIndex + MessageHeader.LengthFieldOffset)
            : MessageHeader.Size;
        if (pending == _pending && _partialTimer is not null)
        {
            return;
        }

        _pending = pending;
        _lastProgress = _time.GetUtcNow();
        if (_partialTimer is null)
        {
            var context = _context!;
            _partialTimer = _time.CreateTimer(_ => context.Executor.Execute(() => OnPartialIdle(context)), null, _partialTimeout, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _partialTimer.Change(_partialTimeout, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnPartialIdle(IChannelHandlerContext context)
    {
        // Bytes may have arrived while this hopped onto the event loop: only a frame still stuck counts.
        if (_failed || _pending == 0 || context.Removed || !context.Channel.Active || _time.GetUtcNow() - _lastProgress < _partialTimeout)
        {
            return;
        }

        _failed = true;
        var reason = $"the header promised {_promised} bytes, {_pending} arrived and nothing more for {_partialTimeout.TotalSeconds:0.###} s";
        context.FireExceptionCaught(new DecoderException(new ProtocolException("message body", MessageHeader.Size, reason)));
    }

    private void Fail(IByteBuffer input)
    {
        _failed = true;
        StopPartialTimer();
        input.SkipBytes(input.ReadableBytes);
    }

    private void StopPartialTimer()
    {
        _partialTimer?.Dispose();
        _partialTimer = null;
        _pending = 0;
    }
}
