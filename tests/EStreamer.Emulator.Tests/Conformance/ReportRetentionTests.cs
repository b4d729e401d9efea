using EStreamer.Emulator.Tests.Support;

namespace EStreamer.Emulator.Tests.Conformance;

/// <summary>Only the newest <c>ReportsKept</c> conformance reports stay, in memory and on disk.</summary>
public sealed class ReportRetentionTests
{
    [Test]
    public async Task Reports_beyond_the_kept_number_are_dropped_oldest_first_with_their_files()
    {
        await using var emulator = await RunningEmulator.StartAsync(configure: o => o.ReportsKept = 2, control: _ => { });
        var recorder = emulator.Control!.Conformance;
        var closed = new List<uint>();
        for (var i = 0; i < 4; i++)
        {
            var session = await SessionThatClosesAsync(emulator);
            closed.Add(session);
        }

        await recorder.FlushAsync().WaitAsync(TestClient.DefaultTimeout);
        var files = Directory.GetFiles(Path.Combine(emulator.Directory, "reports"), "session-*").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(recorder.Reports.Select(r => r.SessionId), Is.EqualTo(closed.TakeLast(2)));
            Assert.That(files, Is.EqualTo(closed.TakeLast(2).SelectMany(id => new[] { $"session-{id}.json", $"session-{id}.txt" }).Order(StringComparer.Ordinal)));
        }
    }

    private static async Task<uint> SessionThatClosesAsync(RunningEmulator emulator)
    {
        // The recorder says when it made the session's final report; the test waits for that, not on a poll.
        var recorder = emulator.Control!.Conformance;
        var completed = new TaskCompletionSource<uint>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnCompleted(EStreamer.Emulator.Conformance.ConformanceReport report) => completed.TrySetResult(report.SessionId);
        recorder.ReportCompleted += OnCompleted;
        try
        {
            await using (var client = await emulator.ConnectAsync())
            {
                await Requests.OpenExtendedAsync(client, EStreamer.Protocol.Messages.EventStreamRequestMessage.FromNow, Requests.Encore52Entries);
                await emulator.WaitForSessionAsync(s => s.State == EStreamer.Emulator.Sessions.SessionState.Streaming);
            }

            return await completed.Task.WaitAsync(TestClient.DefaultTimeout);
        }
        finally
        {
            recorder.ReportCompleted -= OnCompleted;
        }
    }
}
