using NUnit.Framework.Interfaces;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>
/// After every test: a buffer leak reported by DotNetty fails that test, and so the run. (A check in a
/// SetUpFixture's one-time teardown would not: its failure never reaches the test run's result.)
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class FailOnBufferLeakAttribute : Attribute, ITestAction
{
    public ActionTargets Targets => ActionTargets.Test;

    public void BeforeTest(ITest test)
    {
    }

    public void AfterTest(ITest test)
    {
        var leaks = BufferLeaks.Collect();
        if (leaks.Length > 0)
        {
            Assert.Fail($"DotNetty reported {leaks.Length} leaked buffer(s) while this test ran or just before " +
                $"(run with {TestSetup.LeakRecordsVariable}=4 in the environment to see where each was last touched):\n{string.Join("\n", leaks)}");
        }
    }
}
