namespace EStreamer.Emulator.Tls;

/// <summary>
/// Passes a transport through, giving zero-byte reads their meaning: such a read completes, returning 0, once
/// the transport has bytes to read, and takes none of them. The transport need not support that itself: the
/// wait reads one byte into a field of its own, and the next read returns that byte first. Disposing it leaves
/// the transport to its owner.
/// </summary>
internal sealed class ReadSignalStream : Stream
{
    private readonly Stream _transport;
    private readonly byte[] _ahead = new byte[1];
    private bool _holdsAhead;

    public ReadSignalStream(Stream transport)
    {
        _transport = transport;
    }

    public override bool CanRead => _transport.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => _transport.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return _holdsAhead ? ValueTask.FromResult(0) : WaitForBytesAsync(cancellationToken);
        }

        return TakeAhead(buffer.Span) ? ValueTask.FromResult(1) : _transport.ReadAsync(buffer, cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        return count > 0 && TakeAhead(buffer.AsSpan(offset)) ? 1 : _transport.Read(buffer, offset, count);
    }

    public override void Write(byte[] buffer, int offset, int count) => _transport.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _transport.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _transport.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _transport.WriteAsync(buffer, cancellationToken);

    public override void Flush() => _transport.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _transport.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Gives the byte a wait read ahead, if one is held, as the first byte of <paramref name="destination"/>.</summary>
    private bool TakeAhead(Span<byte> destination)
    {
        if (!_holdsAhead)
        {
            return false;
        }

        _holdsAhead = false;
        destination[0] = _ahead[0];
        return true;
    }

    private async ValueTask<int> WaitForBytesAsync(CancellationToken cancellationToken)
    {
        if (await _transport.ReadAsync(_ahead.AsMemory(), cancellationToken).ConfigureAwait(false) > 0)
        {
            _holdsAhead = true;
        }

        return 0;
    }
}
