using System.Globalization;
using System.Text.RegularExpressions;

namespace EStreamer.Scenarios.Loading;

/// <summary>
/// The two ways a scenario writes time. Durations: a sum of parts such as 1h30m, 90s, 1.5s, 250ms, 40us,
/// optionally signed, or a bare number of seconds. Instants: an ISO 8601 date-time (UTC unless it carries an
/// offset) or @ followed by UNIX seconds. Arithmetic is decimal so that 0.1s is exactly one million ticks.
/// </summary>
internal static partial class TimeSyntax
{
    public const string DurationHelp = "a duration such as 90s, 1m30s, 250ms or -2h";
    public const string TimeHelp = "a duration from the start such as 10s or -1h, @UNIX-seconds, or an ISO 8601 date-time such as 2025-06-01T12:00:00Z";

    /// <summary>The latest instant an unsigned 32-bit UNIX second can hold (2106-02-07T06:28:15Z).</summary>
    public static readonly DateTimeOffset LatestInstant = DateTimeOffset.FromUnixTimeSeconds(uint.MaxValue);

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var trimmed = text.Trim();
        if (decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bareSeconds))
        {
            return TryTicks(bareSeconds * TimeSpan.TicksPerSecond, out duration);
        }

        var match = DurationPattern().Match(trimmed);
        if (!match.Success)
        {
            return false;
        }

        decimal ticks = 0;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitMatch = PartPattern().Match(part.Value);
            var amount = decimal.Parse(unitMatch.Groups["amount"].Value, CultureInfo.InvariantCulture);
            ticks += amount * unitMatch.Groups["unit"].Value switch
            {
                "d" => TimeSpan.TicksPerDay,
                "h" => TimeSpan.TicksPerHour,
                "m" => TimeSpan.TicksPerMinute,
                "s" => TimeSpan.TicksPerSecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                _ => TimeSpan.TicksPerMicrosecond,
            };
        }

        if (match.Groups["sign"].Value == "-")
        {
            ticks = -ticks;
        }

        return TryTicks(ticks, out duration);
    }

    /// <summary>True when the text is meant as an instant (so a failed parse is an impossible time, not a bad duration).</summary>
    public static bool LooksLikeInstant(string text) => text.StartsWith('@') || DateLike().IsMatch(text.Trim());

    /// <summary>Parses an instant; <paramref name="problem"/> says why one that looks like an instant is impossible.</summary>
    public static bool TryParseInstant(string text, out DateTimeOffset instant, out string problem)
    {
        instant = default;
        problem = string.Empty;
        var trimmed = text.Trim();
        if (trimmed.StartsWith('@'))
        {
            if (!long.TryParse(trimmed.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
            {
                problem = $"'{text}' is not @ followed by whole UNIX seconds";
                return false;
            }

            if (seconds < 0 || seconds > uint.MaxValue)
            {
                problem = $"impossible timestamp '{text}': event seconds are unsigned 32-bit UNIX seconds (0 to {uint.MaxValue})";
                return false;
            }

            instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        if (!DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant))
        {
            problem = $"impossible timestamp '{text}': not a real calendar date and time";
            return false;
        }

        if (instant < DateTimeOffset.UnixEpoch || instant > LatestInstant)
        {
            problem = $"impossible timestamp '{text}': event seconds are unsigned 32-bit UNIX seconds, from 1970-01-01T00:00:00Z to 2106-02-07T06:28:15Z";
            return false;
        }

        return true;
    }

    private static bool TryTicks(decimal ticks, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (ticks > TimeSpan.MaxValue.Ticks || ticks < TimeSpan.MinValue.Ticks)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)decimal.Round(ticks, MidpointRounding.ToEven));
        return true;
    }

    [GeneratedRegex(@"^(?<sign>[+-]?)(?<part>\d+(\.\d+)?(d|h|ms|m|s|us))+$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^(?<amount>\d+(\.\d+)?)(?<unit>d|h|ms|m|s|us)$", RegexOptions.CultureInvariant)]
    private static partial Regex PartPattern();

    // A four-digit year and a dash: enough to tell an intended date from a malformed duration.
    [GeneratedRegex(@"^\d{4}-\d{1,2}-\d{1,2}", RegexOptions.CultureInvariant)]
    private static partial Regex DateLike();
}
