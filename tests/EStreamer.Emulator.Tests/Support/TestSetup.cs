using DotNetty.Common;
using DotNetty.Common.Internal.Logging;
using EStreamer.Emulator.Tests.Support;
using Microsoft.Extensions.Logging;

// Fixtures run side by side: each emulator has its own port, data folder, logger and metrics registry.
// The few fixtures that touch process-wide state say so with [NonParallelizable] and a reason.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]
[assembly: FailOnBufferLeak]

/// <summary>
/// Process-wide, before any test (hence outside every namespace: a SetUpFixture covers only its own
/// namespace): DotNetty's own log goes to a capturing logger, and its leak detector runs at its
/// strictest, so a buffer the server forgets to release is reported and fails the test that sees it
/// (<see cref="FailOnBufferLeakAttribute"/>). DotNetty binds its loggers once, on first use, so this must
/// run before any DotNetty type is touched.
/// </summary>
[SetUpFixture]
#pragma warning disable CA1050 // Declare types in namespaces: NUnit applies a SetUpFixture to its namespace only.
public sealed class TestSetup
#pragma warning restore CA1050
{
    /// <summary>DotNetty's setting for how many access records a tracked buffer keeps (read once, at first use).</summary>
    public const string LeakRecordsVariable = "io.netty.leakDetection.targetRecords";

    private ILoggerFactory? _factory;

    [OneTimeSetUp]
    public void RouteDotNettyLogAndDetectLeaks()
    {
        _factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Warning).AddProvider(BufferLeaks.Log));
        InternalLoggerFactory.DefaultFactory = _factory;

        // Every buffer is still tracked and every leak still reported; what is left out by default is the
        // stack trace the detector takes at each access of a tracked buffer, which made up most of the
        // suite's CPU time. Setting the variable (4 is DotNetty's default) brings those traces back into a
        // leak report, to find where a reported buffer was last touched.
        if (Environment.GetEnvironmentVariable(LeakRecordsVariable) is null)
        {
            Environment.SetEnvironmentVariable(LeakRecordsVariable, "0");
        }

        ResourceLeakDetector.Level = ResourceLeakDetector.DetectionLevel.Paranoid;
    }

    [OneTimeTearDown]
    public void StopRoutingDotNettyLog() => _factory?.Dispose();
}
