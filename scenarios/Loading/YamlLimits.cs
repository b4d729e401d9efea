using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace EStreamer.Scenarios.Loading;

/// <summary>
/// The bounds every YAML text is read within (scenarios, event bodies, the `serve` config file). YamlDotNet
/// builds its node tree recursively, so a text of nested brackets or dashes could exhaust the stack and end
/// the process; <see cref="Load"/> counts nesting on the parser's events and stops before the tree gets deep.
/// </summary>
public static class YamlLimits
{
    /// <summary>Deepest nesting of mappings and sequences accepted; the deepest shipped scenario uses 6.</summary>
    public const int MaxDepth = 64;

    /// <summary>Longest text accepted, in characters (16 MiB).</summary>
    public const int MaxTextLength = 16 * 1024 * 1024;

    /// <summary>Parses <paramref name="text"/> into a stream; a limit passed is a <see cref="YamlLimitException"/> at its mark.</summary>
    public static YamlStream Load(string text, int maxDepth = MaxDepth, int maxLength = MaxTextLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > maxLength)
        {
            throw new YamlLimitException(new Mark(0, 1, 1), $"text longer than {maxLength} characters");
        }

        var stream = new YamlStream();
        stream.Load(OpenParser(text, maxDepth, maxLength));
        return stream;
    }

    /// <summary>
    /// A parser over <paramref name="text"/> that enforces the same limits, for readers that deserialize into
    /// objects (the peer database) rather than load a node tree.
    /// </summary>
    public static IParser OpenParser(string text, int maxDepth = MaxDepth, int maxLength = MaxTextLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > maxLength)
        {
            throw new YamlLimitException(new Mark(0, 1, 1), $"text longer than {maxLength} characters");
        }

        return new DepthLimitedParser(new Parser(new StringReader(text)), maxDepth);
    }

    /// <summary>Passes a parser's events on, failing at the first collection that opens deeper than the limit.</summary>
    private sealed class DepthLimitedParser(IParser inner, int maxDepth) : IParser
    {
        private int _depth;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            switch (inner.Current)
            {
                case MappingStart or SequenceStart:
                    if (++_depth > maxDepth)
                    {
                        throw new YamlLimitException(inner.Current.Start, $"nesting deeper than {maxDepth}");
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
            }

            return true;
        }
    }
}

/// <summary>A YAML text passed one of <see cref="YamlLimits"/>; <see cref="Reason"/> is the bare sentence to print after FILE:LINE:COL.</summary>
public sealed class YamlLimitException(Mark at, string reason) : YamlException(at, at, reason)
{
    public string Reason { get; } = reason;
}
