using EStreamer.Emulator.Faults;

namespace EStreamer.Emulator.Tests.Faults;

public sealed class SocketResetTests
{
    [Test]
    [Description("The TCP reset fault reaches DotNetty's socket field; if a DotNetty update drops it, this fails first.")]
    public void DotNetty_still_exposes_the_socket_a_reset_needs()
    {
        Assert.That(SocketReset.IsAvailable, Is.True);
    }
}
