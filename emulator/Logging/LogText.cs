using System.Globalization;
using System.Text;

namespace EStreamer.Emulator.Logging;

/// <summary>Text from a client, made safe for a log line: control characters and backslashes escaped.</summary>
internal static class LogText
{
    public static string Escape(string text)
    {
        if (!text.Any(c => char.IsControl(c) || c == '\\' || c == '"'))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    escaped.Append(@"\\");
                    break;
                case '"':
                    escaped.Append("\\\"");
                    break;
                case '\n':
                    escaped.Append(@"\n");
                    break;
                case '\r':
                    escaped.Append(@"\r");
                    break;
                case '\t':
                    escaped.Append(@"\t");
                    break;
                case var other when char.IsControl(other):
                    escaped.Append(@"\u").Append(((int)other).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }
}
