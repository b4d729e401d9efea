using System.Net;
using System.Net.Sockets;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Tests.Pipeline;

/// <summary>The connection cap over real sockets: connections over it are closed at once, counted and logged once.</summary>
public sealed class ConnectionLimitTests
{
    [Test]
    public async Task Connections_over_the_cap_are_closed_at_once_and_a_freed_place_is_taken_again()
    {
        await using var emulator = await RunningEmulator.StartAsync(options => options.MaxConnections = 2);
        emulator.ExpectError("connection limit of 2 reached");
        var refusals = new RefusalRecorder();
        emulator.Server.Sessions.AddObserver(refusals);
        var first = await emulator.ConnectAsync();
        await using var second = await emulator.ConnectAsync();

        for (var extra = 0; extra < 2; extra++)
        {
            using var tcp = new TcpClient(AddressFamily.InterNetwork);
            await tcp.ConnectAsync(IPAddress.Loopback, emulator.Port).WaitAsync(TestClient.DefaultTimeout);
            using var timeout = new CancellationTokenSource(TestClient.DefaultTimeout);
            Assert.That(await tcp.GetStream().ReadAsync(new byte[1], timeout.Token), Is.Zero, "closed by the server");
            Assert.That(await refusals.NextAsync(), Is.EqualTo("connection-limit"));
        }

        Assert.That(emulator.Logs.Lines.Count(l => l.Line.Contains("connection limit of 2 reached", StringComparison.Ordinal)), Is.EqualTo(1));

        await first.DisposeAsync();
        await emulator.Logs.WaitForLineAsync(TestClient.DefaultTimeout, "below the limit of 2 again: 2 connections were refused");
        await using var third = await emulator.ConnectAsync();
        await third.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));
        Assert.That(await third.ReceiveAsync(), Is.InstanceOf<StreamingInformationMessage>());
    }
}
