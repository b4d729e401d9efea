using DotNetty.Buffers;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>The leak check behind <see cref="FailOnBufferLeakAttribute"/> sees a buffer that was never released.</summary>
[NonParallelizable] // another fixture's after-test check could take this test's deliberate leak
public sealed class BufferLeakDetectionTests
{
    [Test]
    public void A_buffer_dropped_without_release_is_reported()
    {
        BufferLeaks.Collect();
        LeakOneBuffer();

        var leaks = BufferLeaks.Collect();

        // Taken here, so the deliberate leak does not fail this test through the attribute.
        Assert.That(leaks, Has.Length.EqualTo(1).And.Some.Contains("LEAK"));
    }

    [Test]
    public void A_released_buffer_is_not_reported()
    {
        BufferLeaks.Collect();
        var buffer = PooledByteBufferAllocator.Default.Buffer(64);
        buffer.WriteInt(42);
        buffer.Release();

        Assert.That(BufferLeaks.Collect(), Is.Empty);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void LeakOneBuffer()
    {
        var buffer = PooledByteBufferAllocator.Default.Buffer(64);
        buffer.WriteInt(42);
    }
}
