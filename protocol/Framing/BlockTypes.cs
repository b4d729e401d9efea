namespace EStreamer.Protocol.Framing;

/// <summary>Block type numbers shared by many records (reference 9.3–9.5).</summary>
public static class BlockTypes
{
    public const uint String = 0;
    public const uint Blob = 10;
    public const uint List = 11;

    /// <summary>A list of block types as messages name them: "156", "56 or 79", "163, 168 or 174".</summary>
    public static string Describe(ReadOnlySpan<uint> types) => types.Length switch
    {
        0 => "none",
        1 => types[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => string.Join(", ", types[..^1].ToArray()) + " or " + types[^1].ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Encoding side: refuses a layout a record does not have.</summary>
    public static void RequireOneOf(uint blockType, ReadOnlySpan<uint> supported, string record)
    {
        if (supported.IndexOf(blockType) < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(blockType), blockType, $"{record} is written with block {Describe(supported)}");
        }
    }
}
