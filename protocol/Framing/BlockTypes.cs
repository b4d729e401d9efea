namespace EStreamer.Protocol.Framing;

/// <summary>Block type numbers shared by many records (reference 9.3–9.5).</summary>
public static class BlockTypes
{
    public const uint String = 0;
    public const uint Blob = 10;
    public const uint List = 11;
}
