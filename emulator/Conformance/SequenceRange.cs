namespace EStreamer.Emulator.Conformance;

/// <summary>Journal sequences First to Last, both included.</summary>
public sealed record SequenceRange(long First, long Last)
{
    public long Count => Last - First + 1;
}
