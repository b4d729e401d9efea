using System.Text.RegularExpressions;

namespace EStreamer.Protocol.Tests;

/// <summary>
/// Golden vectors are written as hex with free spacing, '|' separators and '#' comments to the end of
/// a line, so each can carry its offsets and field names beside the bytes.
/// </summary>
internal static partial class Hex
{
    public static byte[] Parse(string text)
    {
        var withoutComments = CommentPattern().Replace(text, string.Empty);
        var digits = NonHexPattern().Replace(withoutComments, string.Empty);
        return Convert.FromHexString(digits);
    }

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    [GeneratedRegex("#[^\n]*")]
    private static partial Regex CommentPattern();

    [GeneratedRegex("[^0-9A-Fa-f]")]
    private static partial Regex NonHexPattern();
}
