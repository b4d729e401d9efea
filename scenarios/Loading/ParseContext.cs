using System.Globalization;
using System.Net;
using EStreamer.Scenarios.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EStreamer.Scenarios.Loading;

/// <summary>
/// Collects errors while a scenario is read and offers typed reads of YAML nodes. Every read that fails
/// records an error at the node (file, line, column) and returns null, so parsing goes on and one pass
/// reports every problem it can.
/// </summary>
internal sealed class ParseContext
{
    private readonly List<ScenarioError> _errors = [];

    public ParseContext(string file)
    {
        File = file;
    }

    public string File { get; }

    public IReadOnlyList<ScenarioError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public SourceLocation Locate(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public void Error(YamlNode node, string message) => Error(node.Start, message);

    public void Error(Mark mark, string message) => _errors.Add(new ScenarioError(File, (int)mark.Line, (int)mark.Column, message));

    public void Error(SourceLocation at, string message) => _errors.Add(new ScenarioError(at.File, at.Line, at.Column, message));

    /// <summary>Errors in file order, whatever order the checks ran in.</summary>
    public IReadOnlyList<ScenarioError> SortedErrors() =>
        _errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    public Mapping? Mapping(YamlNode node, string what, IReadOnlyCollection<string> allowedKeys)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"{what} must be a mapping, got {Describe(node)}");
            return null;
        }

        var entries = new Dictionary<string, (YamlScalarNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                Error(keyNode, $"{what} keys must be plain names, got {Describe(keyNode)}");
                continue;
            }

            if (!allowedKeys.Contains(key))
            {
                Error(keyNode, $"unknown key '{key}' in {what}{Suggestions.Hint(key, allowedKeys)}; expected one of: {string.Join(", ", allowedKeys)}");
                continue;
            }

            entries[key] = (scalarKey, value);
        }

        return new Mapping(this, mapping, what, entries);
    }

    public IReadOnlyList<YamlNode>? Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children.ToList();
        }

        Error(node, $"'{what}' must be a list, got {Describe(node)}");
        return null;
    }

    public string? String(YamlNode node, string key)
    {
        if (node is YamlScalarNode scalar && !IsNull(node))
        {
            return scalar.Value ?? string.Empty;
        }

        Error(node, $"'{key}' must be text, got {Describe(node)}");
        return null;
    }

    public long? Integer(YamlNode node, string key, long min, long max)
    {
        var text = Scalar(node, key, "an integer");
        if (text is null)
        {
            return null;
        }

        var cleaned = text.Replace("_", string.Empty, StringComparison.Ordinal);
        long value;
        var parsed = cleaned.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(cleaned.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : long.TryParse(cleaned, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        if (!parsed)
        {
            Error(node, $"'{key}' must be an integer, got '{text}'");
            return null;
        }

        if (value < min || value > max)
        {
            Error(node, $"'{key}' must be between {min} and {max}, got {value}");
            return null;
        }

        return value;
    }

    public uint? UInt32(YamlNode node, string key, uint min = 0) => (uint?)Integer(node, key, min, uint.MaxValue);

    public ushort? UInt16(YamlNode node, string key) => (ushort?)Integer(node, key, 0, ushort.MaxValue);

    public byte? UInt8(YamlNode node, string key) => (byte?)Integer(node, key, 0, byte.MaxValue);

    public decimal? Number(YamlNode node, string key)
    {
        var text = Scalar(node, key, "a number");
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Error(node, $"'{key}' must be a number, got '{text}'");
            return null;
        }

        return value;
    }

    public bool? Boolean(YamlNode node, string key)
    {
        var text = Scalar(node, key, "true or false");
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                Error(node, $"'{key}' must be true or false, got '{text}'");
                return null;
        }
    }

    public TimeSpan? Duration(YamlNode node, string key, bool allowNegative)
    {
        var text = Scalar(node, key, TimeSyntax.DurationHelp);
        if (text is null)
        {
            return null;
        }

        if (!TimeSyntax.TryParseDuration(text, out var duration))
        {
            Error(node, $"'{key}' must be {TimeSyntax.DurationHelp}, got '{text}'");
            return null;
        }

        if (!allowNegative && duration < TimeSpan.Zero)
        {
            Error(node, $"'{key}' must not be negative, got '{text}'");
            return null;
        }

        return duration;
    }

    public IPAddress? Ip(YamlNode node, string key)
    {
        var text = Scalar(node, key, "an IP address");
        if (text is null)
        {
            return null;
        }

        if (!IPAddress.TryParse(text, out var address) || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && address.ScopeId != 0))
        {
            Error(node, $"'{key}' must be an IPv4 or IPv6 address, got '{text}'");
            return null;
        }

        return address;
    }

    public Guid? Uuid(YamlNode node, string key)
    {
        var text = Scalar(node, key, "a UUID");
        if (text is null)
        {
            return null;
        }

        if (!Guid.TryParse(text, out var uuid))
        {
            Error(node, $"'{key}' must be a UUID such as 5b0b29f8-8f2a-4c8e-9c4a-6d7c2a1e0001, got '{text}'");
            return null;
        }

        return uuid;
    }

    /// <summary>Hex bytes; spaces and colons between bytes are allowed (as in MAC addresses and hex dumps).</summary>
    public byte[]? Hex(YamlNode node, string key, int? length)
    {
        var text = Scalar(node, key, "hex bytes");
        if (text is null)
        {
            return null;
        }

        var compact = new string(text.Where(c => c is not (' ' or ':' or '-' or '\n' or '\r' or '\t')).ToArray());
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(compact);
        }
        catch (FormatException)
        {
            Error(node, $"'{key}' must be hex bytes, got '{Shorten(text)}'");
            return null;
        }

        if (length is { } expected && bytes.Length != expected)
        {
            Error(node, $"'{key}' must be exactly {expected} bytes ({expected * 2} hex digits), got {bytes.Length}");
            return null;
        }

        return bytes;
    }

    /// <summary>A name from a fixed table, e.g. a family or fault kind; unknown names get a suggestion and the list.</summary>
    public T? Name<T>(YamlNode node, string key, string what, IReadOnlyDictionary<string, T> table)
        where T : struct
    {
        var text = Scalar(node, key, what);
        if (text is null)
        {
            return null;
        }

        if (table.TryGetValue(text, out var value))
        {
            return value;
        }

        Error(node, $"unknown {what} '{text}'{Suggestions.Hint(text, table.Keys)}; expected one of: {string.Join(", ", table.Keys)}");
        return null;
    }

    /// <summary>A number or a name from a table (e.g. protocol: tcp or protocol: 6).</summary>
    public long? IntegerOrName(YamlNode node, string key, long min, long max, IReadOnlyDictionary<string, long> names)
    {
        if (node is YamlScalarNode { Value: { } text } && names.TryGetValue(text.ToLowerInvariant(), out var named))
        {
            return named;
        }

        if (node is YamlScalarNode { Value: { } raw } && raw.Length > 0 && !char.IsDigit(raw[0]) && raw[0] != '-')
        {
            Error(node, $"'{key}' must be a number or one of: {string.Join(", ", names.Keys)}; got '{raw}'{Suggestions.Hint(raw, names.Keys)}");
            return null;
        }

        return Integer(node, key, min, max);
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ when IsNull(node) => "nothing",
        YamlScalarNode scalar => $"'{Shorten(scalar.Value ?? string.Empty)}'",
        _ => "an unsupported node",
    };

    private string? Scalar(YamlNode node, string key, string expected)
    {
        if (node is YamlScalarNode { Value: { } text } && !IsNull(node))
        {
            return text.Trim();
        }

        Error(node, $"'{key}' must be {expected}, got {Describe(node)}");
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
