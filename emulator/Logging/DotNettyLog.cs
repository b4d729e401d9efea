using DotNetty.Common.Internal.Logging;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Logging;

/// <summary>
/// DotNetty's own log (buffer leak reports among it) goes to its EventSource unless told otherwise, where no
/// operator looks. This routes it to the emulator's loggers: warnings and above, so that DotNetty's
/// per-attempt information lines stay out of the serve log. DotNetty binds a logger per type on first use,
/// so <see cref="Install"/> runs before the first server starts; whatever factory was set before (a test
/// suite's, for one) keeps receiving everything.
/// </summary>
internal static class DotNettyLog
{
    private static readonly object Gate = new();
    private static ForwardingFactory? s_forwarding;

    /// <summary>Puts the forwarding factory in place once per process.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (s_forwarding is null)
            {
                s_forwarding = new ForwardingFactory(InternalLoggerFactory.DefaultFactory);
                InternalLoggerFactory.DefaultFactory = s_forwarding;
            }
        }
    }

    /// <summary>Sends DotNetty's warnings and errors to <paramref name="loggers"/> until the result is disposed.</summary>
    public static IDisposable RouteTo(ILoggerFactory loggers)
    {
        Install();
        return s_forwarding!.Attach(loggers);
    }

    private sealed class ForwardingFactory(ILoggerFactory previous) : ILoggerFactory
    {
        private ILoggerFactory[] _targets = [];

        public IDisposable Attach(ILoggerFactory loggers)
        {
            ImmutableUpdate(targets => [.. targets, loggers]);
            return new Detach(() => ImmutableUpdate(targets => targets.Where(t => !ReferenceEquals(t, loggers)).ToArray()));
        }

        public ILogger CreateLogger(string categoryName) => new ForwardingLogger(categoryName, previous.CreateLogger(categoryName), this);

        public void AddProvider(ILoggerProvider provider) => previous.AddProvider(provider);

        public void Dispose()
        {
        }

        internal ILoggerFactory[] Targets => Volatile.Read(ref _targets);

        private void ImmutableUpdate(Func<ILoggerFactory[], ILoggerFactory[]> change)
        {
            lock (Gate)
            {
                Volatile.Write(ref _targets, change(_targets));
            }
        }
    }

    private sealed class ForwardingLogger(string category, ILogger previous, ForwardingFactory factory) : ILogger
    {
        private const LogLevel Floor = LogLevel.Warning;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => previous.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) =>
            previous.IsEnabled(logLevel) || (logLevel >= Floor && factory.Targets.Length > 0);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            previous.Log(logLevel, eventId, state, exception, formatter);
            if (logLevel < Floor)
            {
                return;
            }

            foreach (var target in factory.Targets)
            {
                try
                {
                    target.CreateLogger(category).Log(logLevel, eventId, state, exception, formatter);
                }
                catch (ObjectDisposedException)
                {
                    // A host that stopped while this line was on its way.
                }
            }
        }
    }

    private sealed class Detach(Action detach) : IDisposable
    {
        private Action? _detach = detach;

        public void Dispose() => Interlocked.Exchange(ref _detach, null)?.Invoke();
    }
}
