namespace EStreamer.Scenarios.Generators;

/// <summary>
/// Hands out event IDs in order. One allocator serves a whole plan enumeration, so IDs are unique across
/// the timeline and every traffic block, and the same enumeration order gives the same IDs.
/// </summary>
internal sealed class EventIdAllocator
{
    private uint _next;

    public EventIdAllocator(uint first)
    {
        _next = first;
    }

    /// <summary>The next ID, wrapping past uint.MaxValue to 1 (an endless stream outlives 32 bits; 0 means "none").</summary>
    public uint Next()
    {
        var id = _next;
        _next = _next == uint.MaxValue ? 1 : _next + 1;
        return id;
    }

    public uint Peek => _next;
}
