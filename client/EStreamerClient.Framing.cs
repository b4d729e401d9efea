using System.Buffers.Binary;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;

namespace EStreamer.Client;

/// <summary>Sending messages and reading whole ones, each read bounded by a timeout and the maximum length.</summary>
public sealed partial class EStreamerClient
{
    private bool _acknowledgementDue;

    /// <summary>Encodes and sends one message.</summary>
    public Task SendAsync(IMessage message, CancellationToken cancellationToken = default) =>
        SendRawAsync(MessageCodec.Encode(message), cancellationToken);

    /// <summary>Sends bytes as they are: for tests that need to put malformed input on the wire.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        try
        {
            await _tls.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await _tls.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException failure)
        {
            throw new EStreamerClientException(EStreamerClientFailure.SendFailed, $"cannot send to {Endpoint}: {Describe(failure)}", failure);
        }
    }

    /// <summary>"Ready for more" (reference 7.1): one Null. Needed only with <see cref="EStreamerClientOptions.AcknowledgeEveryMessage"/> off.</summary>
    public async Task AcknowledgeAsync(CancellationToken cancellationToken = default)
    {
        _acknowledgementDue = false;
        await SendAsync(NullMessage.Instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The next whole message, or null when the server closed the connection cleanly between messages.
    /// A reset between messages (<see cref="EStreamerClientFailure.ConnectionReset"/>), a close inside a
    /// message, a length over the maximum, a header version other than 1 or silence for
    /// <paramref name="timeout"/> (default <see cref="EStreamerClientOptions.ReadTimeout"/>) throw. A
    /// timeout inside a message leaves the stream out of step: close the connection after it.
    /// </summary>
    public async Task<MessageFrame?> ReceiveFrameAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (_acknowledgementDue && _options.AcknowledgeEveryMessage)
        {
            _acknowledgementDue = false;
            try
            {
                await SendAsync(NullMessage.Instance, cancellationToken).ConfigureAwait(false);
            }
            catch (EStreamerClientException failure) when (failure.Failure == EStreamerClientFailure.SendFailed)
            {
                // The server has gone; the read below reports how.
            }
        }

        var limit = timeout ?? _options.ReadTimeout;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(limit);
        try
        {
            var frame = await ReadFrameAsync(timer.Token).ConfigureAwait(false);
            _acknowledgementDue = frame is not null;
            return frame;
        }
        catch (OperationCanceledException failure) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EStreamerClientException(EStreamerClientFailure.Timeout, $"{Endpoint} sent no whole message within {Seconds(limit)}", failure);
        }
    }

    /// <summary>
    /// One read from the TLS stream as it comes: at most one TLS record's worth of bytes, 0 at the end of
    /// the stream. For tests of how a server paces its bytes; it bypasses framing, so use it only between
    /// messages or after the last one.
    /// </summary>
    public async Task<int> ReceiveRawAsync(Memory<byte> buffer, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? _options.ReadTimeout;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(limit);
        try
        {
            return await _tls.ReadAsync(buffer, timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException failure) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EStreamerClientException(EStreamerClientFailure.Timeout, $"{Endpoint} sent nothing within {Seconds(limit)}", failure);
        }
        catch (IOException failure)
        {
            throw new EStreamerClientException(EStreamerClientFailure.ConnectionReset, $"{Endpoint} broke the connection without closing it: {Describe(failure)}", failure);
        }
    }

    /// <summary>The next message decoded, or null when the server closed the connection cleanly.</summary>
    public async Task<IMessage?> ReceiveAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var frame = await ReceiveFrameAsync(timeout, cancellationToken).ConfigureAwait(false);
        return frame?.Decode();
    }

    /// <summary>
    /// Reads until a message of type <typeparamref name="T"/>, stepping over keep-alive Nulls. An Error
    /// from the server, any other message or a close before it arrives throw.
    /// </summary>
    public async Task<T> ReceiveAsync<T>(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where T : class, IMessage
    {
        while (true)
        {
            var message = await ReceiveAsync(timeout, cancellationToken).ConfigureAwait(false)
                ?? throw new EStreamerClientException(EStreamerClientFailure.ConnectionClosed, $"{Endpoint} closed the connection while {typeof(T).Name} was due");
            switch (message)
            {
                case T wanted:
                    return wanted;
                case NullMessage:
                    continue;
                case ErrorMessage error:
                    throw EStreamerClientException.FromServerError(error);
                default:
                    throw new EStreamerClientException(EStreamerClientFailure.UnexpectedMessage, $"{Endpoint} sent {message.MessageType} (type {(ushort)message.MessageType}) while {typeof(T).Name} was due")
                    {
                        UnexpectedType = message.MessageType,
                    };
            }
        }
    }

    private static string Describe(Exception failure) => EStreamerClientException.Describe(failure);

    private async Task<MessageFrame?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var header = new byte[MessageHeader.Size];
        if (!await ReadExactlyOrEndAsync(header, atMessageStart: true, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        MessageHeader parsed;
        try
        {
            parsed = MessageHeader.Read(header, uint.MaxValue);
        }
        catch (ProtocolException failure)
        {
            throw new EStreamerClientException(EStreamerClientFailure.MalformedMessage, $"server sent a message the protocol does not allow: {failure.Message}", failure);
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(MessageHeader.LengthFieldOffset));
        if (length > _options.MaxMessageLength)
        {
            throw new EStreamerClientException(EStreamerClientFailure.MessageTooLong, $"{Endpoint} sent a message header announcing {length} bytes (more than {_options.MaxMessageLength}): not an eStreamer stream, or out of step");
        }

        // Not zeroed first: every byte is read into it or the read throws, and a bundle of 1,000 records is a
        // 400 KB array that zeroing would write once more.
        var message = GC.AllocateUninitializedArray<byte>(checked((int)(MessageHeader.Size + length)));
        header.CopyTo(message, 0);
        await ReadExactlyOrEndAsync(message.AsMemory(MessageHeader.Size), atMessageStart: false, cancellationToken).ConfigureAwait(false);

        return new MessageFrame(parsed, message);
    }

    /// <summary>Fills the buffer; false only for an end of stream before the first byte of a message.</summary>
    private async Task<bool> ReadExactlyOrEndAsync(Memory<byte> buffer, bool atMessageStart, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            int n;
            try
            {
                n = await _tls.ReadAsync(buffer[read..], cancellationToken).ConfigureAwait(false);
            }
            catch (IOException failure) when (read == 0 && atMessageStart)
            {
                throw new EStreamerClientException(EStreamerClientFailure.ConnectionReset, $"{Endpoint} broke the connection without closing it: {Describe(failure)}", failure);
            }
            catch (IOException failure)
            {
                throw Truncated(failure);
            }

            if (n == 0)
            {
                return read == 0 && atMessageStart ? false : throw Truncated(null);
            }

            read += n;
        }

        return true;
    }

    private EStreamerClientException Truncated(Exception? cause) => cause is null
        ? new(EStreamerClientFailure.TruncatedMessage, $"{Endpoint} closed the connection in the middle of a message")
        : new(EStreamerClientFailure.TruncatedMessage, $"{Endpoint} closed the connection in the middle of a message: {Describe(cause)}", cause);
}
