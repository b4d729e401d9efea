using System.Runtime.CompilerServices;
using EStreamer.Protocol.Messages;

namespace EStreamer.Client;

/// <summary>The exchanges of a session: the request (plain or extended), records, host data.</summary>
public sealed partial class EStreamerClient
{
    /// <summary>
    /// Opens a session: the Event Stream Request, and for an extended request the server's Streaming
    /// Information (2051, checked for service 6667) and the Streaming Request (2049) (reference 3.1–3.2).
    /// Returns the 2051, or null for a plain request.
    /// </summary>
    public async Task<StreamingInformationMessage?> OpenStreamAsync(StreamRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await SendAsync(request.ToEventStreamRequest(), cancellationToken).ConfigureAwait(false);
        if (!request.IsExtended)
        {
            return null;
        }

        var information = await ReceiveAsync<StreamingInformationMessage>(cancellationToken: cancellationToken).ConfigureAwait(false);
        EnsureEStreamerService(information);
        await SendAsync(request.ToStreamingRequest(), cancellationToken).ConfigureAwait(false);
        return information;
    }

    /// <summary>A 2051 without service 6667 ends the session for eNcore (reference 5.2); so it does here.</summary>
    public static void EnsureEStreamerService(StreamingInformationMessage information)
    {
        ArgumentNullException.ThrowIfNull(information);
        if (!information.Services.Any(s => s.ServiceId == StreamingRequestMessage.EStreamerService))
        {
            throw new EStreamerClientException(EStreamerClientFailure.UnexpectedMessage, $"the server's Streaming Information (2051) offers no eStreamer service ({StreamingRequestMessage.EStreamerService})")
            {
                UnexpectedType = MessageType.StreamingInformation,
            };
        }
    }

    /// <summary>
    /// Records as they arrive, Event Data messages and bundles alike, stepping over keep-alive Nulls and
    /// messages that carry no records. Ends when the server closes the connection; an Error from the
    /// server or silence longer than the read timeout throw.
    /// </summary>
    public async IAsyncEnumerable<DecodedRecord> ReadRecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReceiveFrameAsync(cancellationToken: cancellationToken).ConfigureAwait(false) is { } frame)
        {
            if (frame.Type == MessageType.Error)
            {
                throw EStreamerClientException.FromServerError((ErrorMessage)frame.Decode());
            }

            if (!RecordDecoder.CarriesRecords(frame.Type))
            {
                continue;
            }

            foreach (var record in RecordDecoder.Decode(frame))
            {
                yield return record;
            }
        }
    }

    /// <summary>
    /// Sends a Host Data Request (reference 8.1, after the Event Stream Request) and collects the answer:
    /// one Single Host Data (6), or Multiple Host Data (7) up to the header-only one that ends the list.
    /// An Error from the server (an unknown host, say) throws.
    /// </summary>
    public async Task<IReadOnlyList<HostDataMessage>> RequestHostDataAsync(HostDataRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var hosts = new List<HostDataMessage>();
        while (true)
        {
            var host = await ReceiveAsync<HostDataMessage>(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (host.MessageType == MessageType.SingleHostData)
            {
                hosts.Add(host);
                return hosts;
            }

            if (host.ProfileBlockType is null)
            {
                return hosts;
            }

            hosts.Add(host);
        }
    }
}
