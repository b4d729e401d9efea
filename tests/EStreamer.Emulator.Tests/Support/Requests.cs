using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>The requests real clients send, byte for byte as reference 5.3 gives them.</summary>
public static class Requests
{
    public static readonly EventTypeEntry[] Encore52Entries =
        [new(11, 12), new(4, 21), new(9, 31), new(11, 61), new(17, 71), new(7, 91), new(8, 101), new(7, 111), new(2, 131)];

    public static readonly EventTypeEntry[] Encore38Entries =
        [new(9, 12), new(4, 21), new(9, 31), new(11, 61), new(14, 71), new(7, 91), new(7, 101), new(6, 111), new(2, 131)];

    public static StreamingRequestMessage Streaming(uint start, params EventTypeEntry[] entries) =>
        new(StreamingRequestMessage.EStreamerService, RequestFlags.EncoreDefault, start, entries);

    /// <summary>Opens an extended session as eNcore does: request with bit 30, read the 2051, send the 2049.</summary>
    public static async Task OpenExtendedAsync(TestClient client, uint start, EventTypeEntry[] entries, RequestFlags flags = RequestFlags.EncoreDefault)
    {
        await client.SendAsync(new EventStreamRequestMessage(start, flags));
        await client.ReceiveAsync<StreamingInformationMessage>();
        await client.SendAsync(new StreamingRequestMessage(StreamingRequestMessage.EStreamerService, flags, start, entries));
    }

    /// <summary>Reads bundles (acknowledging each with a Null) until <paramref name="enough"/> says stop.</summary>
    public static async Task<List<MessageBundle>> ReadBundlesAsync(TestClient client, Func<IReadOnlyList<MessageBundle>, bool> enough)
    {
        var bundles = new List<MessageBundle>();
        while (!enough(bundles))
        {
            bundles.Add(await client.ReceiveAsync<MessageBundle>());
            await client.SendAsync(NullMessage.Instance);
        }

        return bundles;
    }

    private static readonly TimeSpan FirstMessageWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Reads and acknowledges bundles until none arrives for <paramref name="quiet"/> (the server has sent all it
    /// holds). The first message gets at least <see cref="FirstMessageWait"/>, so a slow machine's start-up
    /// pause is not taken for the end of the stream.
    /// </summary>
    public static async Task<List<MessageBundle>> ReadBundlesUntilQuietAsync(TestClient client, TimeSpan? quiet = null)
    {
        var window = quiet ?? TimeSpan.FromSeconds(1);
        var bundles = new List<MessageBundle>();
        var first = true;
        while (true)
        {
            IMessage? message;
            try
            {
                message = await client.ReceiveAsync(first && window < FirstMessageWait ? FirstMessageWait : window);
                first = false;
            }
            catch (OperationCanceledException)
            {
                return bundles;
            }

            if (message is MessageBundle bundle)
            {
                bundles.Add(bundle);
                await client.SendAsync(NullMessage.Instance);
            }
            else if (message is null)
            {
                return bundles;
            }
        }
    }
}
