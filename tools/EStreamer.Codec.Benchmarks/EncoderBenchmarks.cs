using BenchmarkDotNet.Attributes;
using DotNetty.Buffers;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Pipeline;
using EStreamer.Emulator.Scenarios;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
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

    [GlobalSetup]
    public void Setup()
    {
        var journal = new EventJournal(Records);
        var scenario = ScenarioLoader.LoadExample("quickstart").WithSeed(8302).WithTraffic(0, Records);
        var player = new ScenarioPlayer(scenario.Compile(DateTimeOffset.UtcNow), journal);
        player.Start();
        player.DisposeAsync().AsTask().GetAwaiter().GetResult();
        var stored = new List<StoredEvent>();
        journal.Read(journal.StartSequence(0), Records, stored);
        if (stored.Count != Records)
        {
            throw new InvalidOperationException($"the history held {stored.Count} records, not {Records}");
        }

        _items = stored.Select(e => new EventData(e.Record, e.ArchiveTimestamp, ExtendedHeader: true)).ToArray();
        _bundle = new MessageBundle(1, 1, _items);
        _messages = _items.Select(i => new EventDataMessage(i)).ToArray();
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
