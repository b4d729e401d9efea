using EStreamer.Emulator.Cli.Bench;

namespace EStreamer.Emulator.Tests.Cli;

/// <summary>The build the bench names beside its figures, read from the assemblies' own headers.</summary>
public sealed class BuildKindTests
{
    [Test]
    public void The_runtimes_own_library_is_ReadyToRun_and_a_plain_build_is_not()
    {
        using (Assert.EnterMultipleScope())
        {
            // The shared framework ships compiled ahead; `dotnet build` output (this test assembly) is IL only.
            Assert.That(BuildKind.IsReadyToRun(typeof(object).Assembly.Location), Is.True);
            Assert.That(BuildKind.IsReadyToRun(typeof(BuildKindTests).Assembly.Location), Is.False);
        }
    }

    [Test]
    public void A_plain_build_says_it_compiles_as_it_runs()
    {
        Assert.That(BuildKind.Describe(), Is.EqualTo("compiled as it runs (not ReadyToRun)"));
    }
}
