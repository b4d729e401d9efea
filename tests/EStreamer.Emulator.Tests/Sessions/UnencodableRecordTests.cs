using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>
/// A held record whose values its layout cannot carry (scenario files are checked for this; a record appended
/// to the journal directly is not) ends the session with an Error that names it, instead of a stream that goes
/// quiet while keep-alives carry on.
/// </summary>
public sealed class UnencodableRecordTests
{
    private const uint T = 1_800_000_000;

    [Test]
    public async Task A_record_that_cannot_be_encoded_ends_the_session_with_an_error_naming_it()
    {
        await using var emulator = await RunningEmulator.StartAsync(fill: journal =>
        {
            journal.Append(T, TestRecords.HopsChange(T, 3), []);

            // Hops is one byte on the wire: 300 does not fit.
            journal.Append(T + 1, TestRecords.HopsChange(T + 1, 300), []);
        });
        emulator.ExpectError("could not be encoded");
        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, [new EventTypeEntry(11, 61)]);

        var answer = await client.ReceiveAsync();
        var error = answer as ErrorMessage;
        Assert.That(error, Is.Not.Null, $"got {answer}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Code, Is.EqualTo(ServerErrorCode.RecordNotEncodable));
            Assert.That(error.Text, Does.StartWith($"event 2, record HopsChange ({(uint)RecordType.HopsChange}) could not be encoded: "));
            Assert.That(await client.ReceiveAsync(), Is.Null, "the server closes after the Error");
        }

        var closed = await emulator.WaitForSessionAsync(s => s.State == SessionState.Closed);
        Assert.That(closed.CloseReason, Does.StartWith($"server error: event 2, record HopsChange ({(uint)RecordType.HopsChange})"));
    }
}
