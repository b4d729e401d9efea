using DotNetty.Common;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>Process-wide: DotNetty's leak detector at its strictest, so a buffer the server forgets to release shows up.</summary>
[SetUpFixture]
public sealed class TestSetup
{
    [OneTimeSetUp]
    public void LeakDetection() => ResourceLeakDetector.Level = ResourceLeakDetector.DetectionLevel.Paranoid;
}
