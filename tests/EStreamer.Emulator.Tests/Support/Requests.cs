using EStreamer.Client;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>The requests real clients send, byte for byte as reference 5.3 gives them.</summary>
public static class Requests
{
    public static readonly EventTypeEntry[] Encore52Entries =
        [new(11, 12), new(4, 21), new(9, 31), new(11, 61), new(17, 71), new(7, 91), new(8, 101), new(7, 111), new(2, 131)];

    public static readonly EventTypeEntry[] Encore38Entries =
        [new(9, 12), new(4, 21), new(9, 31), new(11, 61), new(14, 71), new(7, 91), new(7, 101), new(6, 111), new(2, 131)];

    /// <summary>What the server negotiates for eNcore's flags and these 2049 entries (every family allowed).</summary>
    public static StreamNegotiation Negotiated(EventTypeEntry[] entries)
    {
        var requested = RequestedVersions.FromFlags(RequestFlags.EncoreDefault);
        requested.AddEntries(entries);
        return StreamNegotiation.Negotiate(requested, ClientProfile.Auto, sentStreamingRequest: true, _ => true);
    }

    public static StreamingRequestMessage Streaming(uint start, params EventTypeEntry[] entries) =>
        new(StreamingRequestMessage.EStreamerService, RequestFlags.EncoreDefault, start, entries);

    /// <summary>Opens an extended session as eNcore does: request with bit 30, read the 2051, send the 2049.</summary>
    public static Task OpenExtendedAsync(EStreamerClient client, uint start, EventTypeEntry[] entries, RequestFlags flags = RequestFlags.EncoreDefault) =>
        client.OpenStreamAsync(new StreamRequest(start, flags, entries));

    /// <summary>Reads bundles (acknowledging each with a Null) until <paramref name="enough"/> says stop.</summary>
    public static async Task<List<MessageBundle>> ReadBundlesAsync(EStreamerClient client, Func<IReadOnlyList<MessageBundle>, bool> enough)
    {
        var bundles = new List<MessageBundle>();
        while (!enough(bundles))
        {
            bundles.Add(await client.ReceiveAsync<MessageBundle>());
            await client.SendAsync(NullMessage.Instance);
        }

        return bundles;
    }
}
