using System.Runtime.InteropServices;
using DotNetty.Transport.Channels;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Pipeline;
using EStreamer.Emulator.Server;
using EStreamer.Emulator.Sessions.Events;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Sessions;

/// <summary>
/// Streams a session's events: reads the event source from the cursor and writes what the negotiation
/// grants, metadata first (reference 12.4), in bundles or as Event Data. It stops while the channel is not
/// writable or the writer holds more than the high-water mark (resuming at the low-water mark), while the
/// window of unacknowledged bundles or (flag-only) Event Data messages is full (reference 3.1, 7.1), while
/// a fault holds writes, and after
/// <see cref="MaxMessagesPerTurn"/> messages it yields the event loop to other channels.
/// </summary>
internal sealed class SessionPump
{
    /// <summary>Messages written per turn before yielding the event loop to other channels.</summary>
    public const int MaxMessagesPerTurn = 512;

    /// <summary>Events read per batch in Event Data mode.</summary>
    private const int EventDataBatch = 64;

    private readonly uint _connectionId;
    private readonly EmulatorOptions _options;
    private readonly IEventSource _source;
    private readonly ConnectionWriter _writer;
    private readonly Action<SessionEvent> _raise;
    private readonly Func<bool> _holding;
    private readonly Action<string> _failed;
    private readonly List<StoredEvent> _batch = [];
    private readonly SessionItems _items = new();
    private readonly SharedEncodings _shared;
    private readonly DataMessageBuilder _builder;

    // A bundle built while the window was full, written when the client's Null opens it.
    private ReadyBundle? _ready;
    private readonly Action _onAppended;
    private IChannelHandlerContext? _context;
    private StreamNegotiation? _negotiation;
    private bool _bundles;
    private bool _extendedHeader;
    private bool _running;
    private long _cursor;
    private uint _bundleSequence;
    private int _unacknowledged;
    private int _scheduled;
    private long _eventsSent;
    private long _bundlesSent;
    private bool _paused;
    private bool _caughtUp;
    private bool _answered;

    /// <summary>
    /// <paramref name="holding"/> is true while the session may not write (closed, stalled by a fault);
    /// <paramref name="failed"/> hears why streaming stopped when a held record cannot be encoded.
    /// </summary>
    public SessionPump(uint connectionId, EmulatorOptions options, IEventSource source, ConnectionWriter writer, Action<SessionEvent> raise, Func<bool> holding, Action<string> failed)
    {
        _failed = failed;
        _connectionId = connectionId;
        _options = options;
        _source = source;
        _writer = writer;
        _raise = raise;
        _holding = holding;
        _onAppended = OnAppended;
        _shared = SharedEncodings.For(source);
        _builder = new DataMessageBuilder(_shared);
        _writer.WriteCompleted += OnWriteCompleted;
        _writer.Drained += Schedule;
    }

    public long EventsSent => Interlocked.Read(ref _eventsSent);

    public long BundlesSent => Interlocked.Read(ref _bundlesSent);

    public long? FirstSequenceSent { get; private set; }

    public long? LastSequenceSent { get; private set; }

    public uint LastArchiveTimestamp { get; private set; }

    /// <summary>Streaming stopped because the client is not taking bytes (or a fault holds writes); it resumes by itself.</summary>
    public bool Paused => Volatile.Read(ref _paused);

    /// <summary>The last read found nothing more in the source, and nothing was appended since.</summary>
    public bool CaughtUp => Volatile.Read(ref _caughtUp);

    /// <summary>Sets how records are delivered; <see cref="WrapForClient"/> follows it even when nothing streams.</summary>
    public void Configure(StreamNegotiation negotiation, bool bundles, bool extendedHeader)
    {
        _negotiation = negotiation;
        _items.Configure(negotiation, extendedHeader);
        _builder.Configure(negotiation, extendedHeader);
        _bundles = bundles;
        _extendedHeader = extendedHeader;
    }

    /// <summary>
    /// Fixes the start point for the request's initial timestamp and starts listening for new events. The
    /// start is fixed before the session shows as streaming: an event appended once it does is never
    /// before a "from now" start.
    /// </summary>
    public long Start(IChannelHandlerContext context, uint initialTimestamp)
    {
        _context = context;
        _cursor = _source.StartSequence(initialTimestamp);
        if (!_running)
        {
            _shared.Join();
        }

        _running = true;
        _source.Appended += _onAppended;
        return _cursor;
    }

    public void Stop()
    {
        if (_running)
        {
            _shared.Leave();
        }

        _running = false;
        _source.Appended -= _onAppended;
        _ready?.Buffer.Release();
        _ready = null;
    }

    /// <summary>
    /// A client Null: it releases the whole bundle window, or one Event Data message of a flag-only session,
    /// whose clients send a Null per message read (reference 3.1, 7.1). Extra Nulls (after keep-alives) bank
    /// nothing: the count never goes below zero.
    /// </summary>
    public void Acknowledge()
    {
        _unacknowledged = _bundles ? 0 : Math.Max(0, _unacknowledged - 1);
        Schedule();
    }

    /// <summary>Asks for a turn on the event loop; callable from any thread, at most one turn queued.</summary>
    public void Schedule()
    {
        if (Volatile.Read(ref _running) && _context is { } context && Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            context.Executor.Execute(Turn);
        }
    }

    /// <summary>A record as this session delivers records: in a bundle after an extended request, else as Event Data.</summary>
    public IMessage WrapForClient(IRecord record, uint archiveTimestamp)
    {
        var data = new EventData(record, archiveTimestamp, _extendedHeader);
        return _bundles ? new MessageBundle(_connectionId, NextBundleSequence(), new[] { data }) : new EventDataMessage(data);
    }

    private void OnAppended()
    {
        Volatile.Write(ref _caughtUp, false);
        Schedule();
    }

    private void Turn()
    {
        Volatile.Write(ref _scheduled, 0);
        if (!_running || _negotiation is null || _context is not { } context || !context.Channel.Open)
        {
            return;
        }

        try
        {
            Stream(context);
        }
        catch (RecordNotEncodableException failure)
        {
            // Streaming cannot go past this record: the session ends with a clear answer rather than going quiet.
            Stop();
            _failed(failure.Message);
        }
    }

    private void Stream(IChannelHandlerContext context)
    {

        var written = 0;
        Volatile.Write(ref _paused, false);
        while (written < MaxMessagesPerTurn)
        {
            if (!CanWrite(context))
            {
                // Resumed by a completed write (OnWriteCompleted), a writability change or the end of a hold.
                Volatile.Write(ref _paused, true);
                break;
            }

            var room = Room();
            if (room <= 0)
            {
                // Resumed by the client's next Null (Acknowledge). Meanwhile the next bundle is built, so that
                // the Null finds it ready to go while the client is still reading the last one.
                if (_bundles && _ready is null)
                {
                    _ready = ReadBundle(_options.BundleMaxEvents);
                }

                break;
            }

            if (_bundles)
            {
                var bundle = _ready ?? ReadBundle(room);
                _ready = null;
                if (bundle is null)
                {
                    break;
                }

                written += Send(bundle);
                continue;
            }

            if (ReadItems(room) is not { } span)
            {
                break;
            }

            written += WriteEventData(span);
        }

        if (!_bundles && !_answered)
        {
            // A flag-only request is answered at once, by data or else a Null: eNcore's start-up probe waits
            // two seconds for one message, whether its request is extended or not (reference 3.4).
            _answered = true;
            if (written == 0 && CaughtUp)
            {
                _writer.Write(NullMessage.Instance, flush: true);
            }
        }

        if (written >= MaxMessagesPerTurn)
        {
            Schedule();
        }
    }

    /// <summary>
    /// Reads up to <paramref name="room"/> events into <see cref="_items"/> (with their first-time metadata) and
    /// moves the cursor past them; null when the source holds nothing more. The span says which events the
    /// items carry, for the session's figures once they are written.
    /// </summary>
    private SentSpan? ReadItems(int room)
    {
        _batch.Clear();
        if (_source.Read(_cursor, room, _batch) == 0)
        {
            Volatile.Write(ref _caughtUp, true);
            return null;
        }

        _items.Clear();
        long? first = null;
        long? last = null;
        uint lastArchive = 0;
        foreach (ref readonly var stored in CollectionsMarshal.AsSpan(_batch))
        {
            _cursor = stored.Sequence + 1;
            if (_items.Add(stored))
            {
                first ??= stored.Sequence;
                last = stored.Sequence;
                lastArchive = Math.Max(lastArchive, stored.ArchiveTimestamp);
            }
        }

        return new SentSpan(first, last, lastArchive);
    }

    /// <summary>The next bundle's bytes, built from the source (skipping events the client does not get); null when the source holds nothing more.</summary>
    private ReadyBundle? ReadBundle(int room)
    {
        while (ReadItems(room) is { } span)
        {
            if (_items.Count > 0)
            {
                // The sequence number is set when the bundle is written, in the order bundles leave.
                return new ReadyBundle(_builder.Bundle(_writer.Allocator, _connectionId, 0, _items.Items), _items.Count, span);
            }
        }

        return null;
    }

    /// <summary>Writes a built bundle as the connection's next one and flushes it.</summary>
    private int Send(ReadyBundle bundle)
    {
        var sequence = NextBundleSequence();
        DataMessageBuilder.SetBundleSequence(bundle.Buffer, sequence);
        _unacknowledged++;
        _writer.WriteData(bundle.Buffer, flush: false);
        _raise(new BundleSent(sequence, bundle.Items));
        Sent(bundle.Span, bundle.Items);

        // Flush per message: the TLS stage holds writes until a flush, and only flushed bytes count against
        // the channel's high-water mark that stops this loop.
        _writer.Flush();
        return 1;
    }

    /// <summary>Writes the items read as one Event Data message each (a flag-only session) and flushes them.</summary>
    private int WriteEventData(SentSpan span)
    {
        foreach (var item in _items.Items)
        {
            _writer.WriteData(_builder.EventData(_writer.Allocator, item), flush: false);
        }

        _unacknowledged += _items.Count;
        Sent(span, _items.Count);
        _writer.Flush();
        return _items.Count;
    }

    /// <summary>Counts written items and the events they carry into the session's figures.</summary>
    private void Sent(SentSpan span, int items)
    {
        Interlocked.Add(ref _eventsSent, items);
        if (span.First is { } first)
        {
            FirstSequenceSent ??= first;
            LastSequenceSent = span.Last;
            LastArchiveTimestamp = Math.Max(LastArchiveTimestamp, span.LastArchive);
        }
    }

    /// <summary>
    /// Events the next read may take: a bundle's worth while the bundle window has room; for Event Data, the
    /// room left in the message window (metadata that rides along may overshoot it by its own count).
    /// </summary>
    private int Room() => _bundles
        ? (_unacknowledged < _options.MaxUnacknowledgedBundles ? _options.BundleMaxEvents : 0)
        : Math.Min(EventDataBatch, _options.MaxUnacknowledgedEventData - _unacknowledged);

    /// <summary>The connection's next bundle: sequence numbers run from 1 per connection (reference 6.3).</summary>
    private uint NextBundleSequence()
    {
        Interlocked.Increment(ref _bundlesSent);
        return ++_bundleSequence;
    }

    private bool CanWrite(IChannelHandlerContext context) =>
        context.Channel.IsWritable
        && _writer.QueuedBytes < _options.WriteBufferHighWaterMark
        && !_holding()
        && !_writer.Holding;

    private void OnWriteCompleted(Task task, long queued)
    {
        if (!task.IsFaulted && Volatile.Read(ref _paused) && queued <= _options.WriteBufferLowWaterMark && _context is { Channel.IsWritable: true })
        {
            Schedule();
        }
    }
}
