using System.Collections.Concurrent;

namespace EStreamer.Hostile;

/// <summary>Every named check of the run and what it saw; the summary prints each, and any failed one fails the run.</summary>
internal sealed class Checks
{
    private readonly ConcurrentQueue<(string Name, bool Passed, string Detail)> _results = new();
    private readonly ConcurrentDictionary<string, int> _tally = new(StringComparer.Ordinal);

    public bool AllPassed => _results.All(r => r.Passed);

    public void Check(string name, bool passed, string detail) => _results.Enqueue((name, passed, detail));

    /// <summary>Counts one outcome, e.g. "fuzz: error-then-close" or "hostile wrong-ca: closed".</summary>
    public void Count(string outcome) => _tally.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<string, int> Tally => _tally;

    public void Print(TextWriter output)
    {
        output.WriteLine("outcomes:");
        foreach (var (outcome, count) in _tally.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {outcome,-52} {count,7}");
        }

        output.WriteLine("checks:");
        foreach (var (name, passed, detail) in _results)
        {
            output.WriteLine($"  {(passed ? "PASS" : "FAIL")} {name}: {detail}");
        }
    }
}
