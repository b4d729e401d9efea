using DotNetty.Buffers;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>
/// Hands out one buffer, made when the allocator is, for every request up to its capacity: what a message builder
/// allocates while it fills it is then the builder's own. DotNetty's allocators track each buffer for leaks in
/// these tests (paranoid level), and a tracked buffer records a share of its accesses, picked at random, with their
/// stack traces: a bundle into a pooled buffer allocated from 456 to over 3,000 bytes from one run to the next.
/// The buffer is not leak-tracked; each request retains it and the caller's release gives it back.
/// </summary>
internal sealed class PreparedBufferAllocator(int capacity) : AbstractByteBufferAllocator
{
    private readonly IByteBuffer _buffer = new UnpooledByteBufferAllocator(preferDirect: false, disableLeakDetector: true).HeapBuffer(capacity, capacity);

    public override bool IsDirectBufferPooled => false;

    protected override IByteBuffer NewHeapBuffer(int initialCapacity, int maxCapacity)
    {
        if (initialCapacity > _buffer.Capacity)
        {
            throw new InvalidOperationException($"{initialCapacity} bytes asked of a prepared buffer of {_buffer.Capacity}");
        }

        _buffer.Retain();
        return _buffer.Clear();
    }

    protected override IByteBuffer NewDirectBuffer(int initialCapacity, int maxCapacity) =>
        throw new NotSupportedException("the prepared buffer is a heap buffer");
}
