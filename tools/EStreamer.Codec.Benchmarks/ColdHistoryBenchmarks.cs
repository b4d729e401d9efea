using BenchmarkDotNet.Attributes;
using DotNetty.Buffers;
using EStreamer.Client;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Sessions;

namespace EStreamer.Codec.Benchmarks;

/// <summary>
/// What a lone session runs for each bundle when it streams a history far larger than the CPU's caches: read the
/// next events from a journal of a million built-in events, pick the items the eNcore 5.2 negotiation grants, and
/// build the bundle. <see cref="EncoderBenchmarks"/> bundles the same 100 records again and again, which stay in
/// the cache; here every event is met once per pass over the journal, as in `bench throughput`, so the difference
/// between the two is what reading held events from memory costs. The set-up generates the history (seconds).
/// The second benchmark is two sessions streaming side by side, as `bench throughput`'s clients do, one trailing
/// the other by <see cref="Trail"/> events; its figure is per record sent by either. With eNcore 5.2's negotiation
/// both copy the stored bodies (nothing is encoded or kept).
/// </summary>
[MemoryDiagnoser]
public class ColdHistoryBenchmarks
{
    private const int History = 1_000_000;
    private const int Room = 100;

    // Sessions this far apart stay within the shared payloads' 16,384 slots, while the records between them (several
    // MB) do not fit a core's 1 MB second-level cache.
    private const int Trail = 8_000;
    private EventJournal _journal = null!;
    private readonly List<StoredEvent> _batch = new(Room);
    private readonly SessionItems _items = new();
    private readonly SessionItems _aheadItems = new();
    private readonly SessionItems _behindItems = new();
    private DataMessageBuilder _alone = null!;
    private DataMessageBuilder _ahead = null!;
    private DataMessageBuilder _behind = null!;
    private long _cursor;
    private long _aheadCursor;
    private long _behindCursor;

    [GlobalSetup]
    public void Setup()
    {
        _journal = BenchmarkInputs.History(History);
        var negotiation = BenchmarkInputs.Encore(StreamRequest.Encore52Entries);
        _items.Configure(negotiation, extendedHeader: true);
        _aheadItems.Configure(negotiation, extendedHeader: true);
        _behindItems.Configure(negotiation, extendedHeader: true);
        _alone = new DataMessageBuilder(BenchmarkInputs.Readers(1));
        _alone.Configure(negotiation, extendedHeader: true);
        _cursor = _journal.StartSequence(0);

        var sharing = BenchmarkInputs.Readers(2);
        _ahead = new DataMessageBuilder(sharing);
        _ahead.Configure(negotiation, extendedHeader: true);
        _behind = new DataMessageBuilder(sharing);
        _behind.Configure(negotiation, extendedHeader: true);
        _behindCursor = _cursor;
        _aheadCursor = _cursor;
        for (var i = 0; i < Trail / Room; i++)
        {
            Bundle(_ahead, _aheadItems, ref _aheadCursor);
        }
    }

    /// <summary>The next 100 events of the journal into one bundle (from the start again at its end).</summary>
    [Benchmark(OperationsPerInvoke = Room)]
    public int Session_read_and_bundle_100_cold() => Bundle(_alone, _items, ref _cursor);

    /// <summary>The session ahead bundles its next 100 events, then the one behind its next 100.</summary>
    [Benchmark(OperationsPerInvoke = 2 * Room)]
    public int Two_sessions_side_by_side_read_and_bundle_100_cold() =>
        Bundle(_ahead, _aheadItems, ref _aheadCursor) + Bundle(_behind, _behindItems, ref _behindCursor);

    private int Bundle(DataMessageBuilder builder, SessionItems items, ref long cursor)
    {
        _batch.Clear();
        if (_journal.Read(cursor, Room, _batch) < Room)
        {
            cursor = _journal.StartSequence(0);
            _batch.Clear();
            _journal.Read(cursor, Room, _batch);
        }

        items.Clear();
        foreach (var stored in _batch)
        {
            cursor = stored.Sequence + 1;
            items.Add(stored);
        }

        var buffer = builder.Bundle(PooledByteBufferAllocator.Default, 1, 1, items.Items);
        var size = buffer.ReadableBytes;
        buffer.Release();
        return size;
    }
}
