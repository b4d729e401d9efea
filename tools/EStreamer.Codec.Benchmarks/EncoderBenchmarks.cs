using BenchmarkDotNet.Attributes;
using DotNetty.Buffers;
using EStreamer.Emulator.Events;
using EStreamer.Client;
using EStreamer.Emulator.Pipeline;
using EStreamer.Emulator.Scenarios;
using EStreamer.Emulator.Sessions;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;

namespace EStreamer.Codec.Benchmarks;

/// <summary>
/// The encoders a streaming session runs for every record, fed with the built-in traffic's own records
/// (the quickstart scenario, seed 8302). Each benchmark encodes <see cref="Records"/> records per operation,
/// so the time and the bytes allocated that BenchmarkDotNet reports are per record.
/// </summary>
[MemoryDiagnoser]
public class EncoderBenchmarks
{
    private const int Records = 100;
    private EventData[] _items = [];
    private MessageBundle _bundle = null!;
    private EventDataMessage[] _messages = [];
    private readonly WireWriter _writer = new(64 * 1024);
    private List<PendingItem> _pending = [];
    private DataMessageBuilder _sharing = null!;
    private StreamNegotiation _negotiation = null!;
    private DataMessageBuilder _encoding = null!;
    private DataMessageBuilder _encodingOlder = null!;
    private DataMessageBuilder _alone = null!;
    private bool _turn;

    [GlobalSetup]
    public void Setup()
    {
        var journal = BenchmarkInputs.History(Records);
        var stored = new List<StoredEvent>();
        journal.Read(journal.StartSequence(0), Records, stored);
        if (stored.Count != Records)
        {
            throw new InvalidOperationException($"the history held {stored.Count} records, not {Records}");
        }

        _items = stored.Select(e => new EventData(e.Record, e.ArchiveTimestamp, ExtendedHeader: true)).ToArray();
        _bundle = new MessageBundle(1, 1, _items);
        _messages = _items.Select(i => new EventDataMessage(i)).ToArray();

        // A session as eNcore 5.2 opens it gets every record as it is stored: the lone builder copies stored bodies.
        // eNcore 3.8 gets 44 % of them in an older block: those are decoded and encoded, and kept for the other
        // sessions of its layout; the sharing builder's cache already holds them, as it does for the second and
        // later sessions streaming the same events.
        _negotiation = BenchmarkInputs.Encore(StreamRequest.Encore52Entries);
        var older = BenchmarkInputs.Encore(StreamRequest.Encore38Entries);
        _pending = stored.Select(e => PendingItem.ForEvent(e, e.ArchiveTimestamp)).ToList();
        _sharing = new DataMessageBuilder(BenchmarkInputs.Readers(2));
        _sharing.Configure(older, extendedHeader: true);
        _sharing.Bundle(PooledByteBufferAllocator.Default, 1, 1, _pending).Release();

        // Two eNcore 3.8 sessions that differ in their header form take turns on one cache: neither finds a payload.
        var cache = BenchmarkInputs.Readers(2);
        _encoding = new DataMessageBuilder(cache);
        _encoding.Configure(older, extendedHeader: true);
        _encodingOlder = new DataMessageBuilder(cache);
        _encodingOlder.Configure(older, extendedHeader: false);
        _alone = new DataMessageBuilder(BenchmarkInputs.Readers(1));
        _alone.Configure(_negotiation, extendedHeader: true);
    }

    /// <summary>What a lone eNcore 5.2 session runs: every record's stored body copied behind its header, nothing encoded or kept.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int Session_bundle_of_100_alone()
    {
        var buffer = _alone.Bundle(PooledByteBufferAllocator.Default, 1, 1, _pending);
        var size = buffer.ReadableBytes;
        buffer.Release();
        return size;
    }

    /// <summary>What an eNcore 3.8 session runs when another one already encoded the events: shared payloads and stored bodies copied into a pooled buffer.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int Session_bundle_of_100_shared()
    {
        var buffer = _sharing.Bundle(PooledByteBufferAllocator.Default, 1, 1, _pending);
        var size = buffer.ReadableBytes;
        buffer.Release();
        return size;
    }

    /// <summary>
    /// What the first eNcore 3.8 session of several runs: the records it gets in an older block decoded from their
    /// stored bodies, encoded and kept for the others, the rest copied, then the bundle.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int Session_bundle_of_100_first()
    {
        _turn = !_turn;
        var buffer = (_turn ? _encoding : _encodingOlder).Bundle(PooledByteBufferAllocator.Default, 1, 1, _pending);
        var size = buffer.ReadableBytes;
        buffer.Release();
        return size;
    }

    /// <summary>The protocol writer alone: one bundle of 100 records into a reused writer.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int Protocol_bundle_of_100()
    {
        _writer.Reset();
        MessageCodec.Write(_writer, _bundle);
        return _writer.Position;
    }

    /// <summary>The protocol writer alone: one Event Data message per record.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int Protocol_event_data_each()
    {
        var total = 0;
        foreach (var message in _messages)
        {
            _writer.Reset();
            MessageCodec.Write(_writer, message);
            total += _writer.Position;
        }

        return total;
    }

    /// <summary>What the server runs: the bundle encoded into a pooled channel buffer, which is then released.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int Server_encode_bundle_of_100()
    {
        var buffer = MessageEncoder.Encode(PooledByteBufferAllocator.Default, _bundle);
        var size = buffer.ReadableBytes;
        buffer.Release();
        return size;
    }

    /// <summary>For comparison, the server's encoding before it kept a writer per thread: a new writer and a channel buffer that grows as it is filled.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int Growing_buffers_bundle_of_100()
    {
        using var writer = new WireWriter();
        MessageCodec.Write(writer, _bundle);
        var written = writer.WrittenSegment;
        var buffer = PooledByteBufferAllocator.Default.Buffer();
        buffer.WriteBytes(written.Array!, written.Offset, written.Count);
        var size = buffer.ReadableBytes;
        buffer.Release();
        return size;
    }

    /// <summary>What the server runs without bundles: each Event Data message into its own pooled buffer.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int Server_encode_event_data_each()
    {
        var total = 0;
        foreach (var message in _messages)
        {
            var buffer = MessageEncoder.Encode(PooledByteBufferAllocator.Default, message);
            total += buffer.ReadableBytes;
            buffer.Release();
        }

        return total;
    }
}
