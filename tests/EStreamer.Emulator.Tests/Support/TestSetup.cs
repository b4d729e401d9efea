using DotNetty.Common;
using DotNetty.Common.Internal.Logging;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>
/// Process-wide: DotNetty's own log goes to a capturing logger, and its leak detector runs at its
/// strictest, so a buffer the server forgets to release fails the run instead of going unnoticed.
/// </summary>
[SetUpFixture]
public sealed class TestSetup
{
    private static readonly CapturingLoggerProvider DotNettyLog = new();
    private ILoggerFactory? _factory;

    [OneTimeSetUp]
    public void RouteDotNettyLogAndDetectLeaks()
    {
        _factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Warning).AddProvider(DotNettyLog));
        InternalLoggerFactory.DefaultFactory = _factory;
        ResourceLeakDetector.Level = ResourceLeakDetector.DetectionLevel.Paranoid;
    }

    [OneTimeTearDown]
    public void NoBufferLeaked()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var leaks = DotNettyLog.Lines.Select(l => l.Line).Where(l => l.Contains("LEAK", StringComparison.Ordinal)).ToArray();
        _factory?.Dispose();
        Assert.That(leaks, Is.Empty, "DotNetty reported leaked buffers");
    }
}
