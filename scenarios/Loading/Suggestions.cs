namespace EStreamer.Scenarios.Loading;

/// <summary>"Did you mean" hints for misspelt keys and names: the closest candidate within a small edit distance.</summary>
internal static class Suggestions
{
    public static string Hint(string given, IEnumerable<string> candidates)
    {
        var best = Closest(given, candidates);
        return best is null ? string.Empty : $" (did you mean '{best}'?)";
    }

    public static string? Closest(string given, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(given.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Beyond a third of the word the "suggestion" is noise rather than a likely typo.
        var limit = Math.Max(1, given.Length / 3);
        return bestDistance <= limit ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
