using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>Collects every formatted log line, so tests can assert on what an operator would grep.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Line)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Line)> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <summary>Removes and returns the lines matching <paramref name="predicate"/>; the rest stay.</summary>
    public string[] Take(Func<string, bool> predicate)
    {
        lock (_lines)
        {
            var all = new List<(LogLevel Level, string Line)>();
            while (_lines.TryDequeue(out var line))
            {
                all.Add(line);
            }

            foreach (var kept in all.Where(l => !predicate(l.Line)))
            {
                _lines.Enqueue(kept);
            }

            return all.Where(l => predicate(l.Line)).Select(l => l.Line).ToArray();
        }
    }

    public void Dispose()
    {
    }

    /// <summary>Waits (bounded) for a line containing every fragment.</summary>
    public async Task<string> WaitForLineAsync(TimeSpan timeout, params string[] fragments)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var match = _lines.Select(l => l.Line).FirstOrDefault(line => fragments.All(f => line.Contains(f, StringComparison.Ordinal)));
            if (match is not null)
            {
                return match;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no log line containing [{string.Join(", ", fragments)}] within {timeout}; lines:\n{string.Join("\n", _lines.Select(l => l.Line))}");
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue((logLevel, formatter(state, exception)));
    }
}
