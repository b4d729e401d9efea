using BenchmarkDotNet.Attributes;
using DotNetty.Buffers;
using EStreamer.Client;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Sessions;

namespace EStreamer.Codec.Benchmarks;

/// <summary>
/// What a lone session runs for each bundle when it streams a history far larger than the CPU's caches: read the
/// next events from a journal of a million built-in events, pick the items the eNcore 5.2 negotiation grants, and
/// build the bundle. <see cref="EncoderBenchmarks"/> encodes the same 100 records again and again, which stay in
/// the cache; here every event is met once per pass over the journal, as in `bench throughput`, so the difference
/// between the two is what reading held events from memory costs. The set-up generates the history (seconds).
/// </summary>
[MemoryDiagnoser]
public class ColdHistoryBenchmarks
{
    private const int History = 1_000_000;
    private const int Room = 100;
    private EventJournal _journal = null!;
    private readonly List<StoredEvent> _batch = new(Room);
    private readonly SessionItems _items = new();
    private DataMessageBuilder _alone = null!;
    private long _cursor;

    [GlobalSetup]
    public void Setup()
    {
        _journal = BenchmarkInputs.History(History);
        var negotiation = BenchmarkInputs.Encore(StreamRequest.Encore52Entries);
        _items.Configure(negotiation, extendedHeader: true);
        _alone = new DataMessageBuilder(BenchmarkInputs.Readers(1));
        _alone.Configure(negotiation, extendedHeader: true);
        _cursor = _journal.StartSequence(0);
    }

    /// <summary>The next 100 events of the journal into one bundle (from the start again at its end).</summary>
    [Benchmark(OperationsPerInvoke = Room)]
    public int Session_read_and_bundle_100_cold()
    {
        _batch.Clear();
        if (_journal.Read(_cursor, Room, _batch) < Room)
        {
            _cursor = _journal.StartSequence(0);
            _batch.Clear();
            _journal.Read(_cursor, Room, _batch);
        }

        _items.Clear();
        foreach (var stored in _batch)
        {
            _cursor = stored.Sequence + 1;
            _items.Add(stored);
        }

        var buffer = _alone.Bundle(PooledByteBufferAllocator.Default, 1, 1, _items.Items);
        var size = buffer.ReadableBytes;
        buffer.Release();
        return size;
    }
}
