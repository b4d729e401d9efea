using System.Net;

namespace EStreamer.Emulator.Events;

/// <summary>
/// The server's store of events: an append-only, capped, in-memory journal ordered by archive time.
/// The real server keeps no per-client history (reference 4.2), so any session may start anywhere in it.
/// </summary>
public sealed class EventJournal : IEventSource
{
    private readonly object _gate = new();
    private readonly List<StoredEvent> _events = [];
    private readonly Dictionary<IPAddress, HostProfile> _hosts = [];
    private readonly int _capacity;
    private long _firstSequence = 1;
    private long _nextSequence = 1;

    public EventJournal(int capacity = 200_000)
    {
        _capacity = capacity;
    }

    public event Action? Appended;

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Appends records in order. Archive timestamps never go backwards: a late one is raised to the last.</summary>
    public void Append(IEnumerable<(uint ArchiveTimestamp, Protocol.Records.IRecord Record, IReadOnlyList<Protocol.Records.IRecord> Metadata)> items)
    {
        lock (_gate)
        {
            foreach (var (archiveTimestamp, record, metadata) in items)
            {
                var last = _events.Count > 0 ? _events[^1].ArchiveTimestamp : 0;
                _events.Add(new StoredEvent(_nextSequence++, Math.Max(archiveTimestamp, last), record, metadata));
            }

            var excess = _events.Count - _capacity;
            if (excess > 0)
            {
                _events.RemoveRange(0, excess);
                _firstSequence += excess;
            }
        }

        Appended?.Invoke();
    }

    public void Append(uint archiveTimestamp, Protocol.Records.IRecord record, IReadOnlyList<Protocol.Records.IRecord> metadata) =>
        Append([(archiveTimestamp, record, metadata)]);

    /// <summary>
    /// Drops every held event (a control reset). Sequences keep counting up, so a sequence never names two
    /// different events in one run; host profiles stay, as they describe the network rather than its events.
    /// </summary>
    public void Clear()
    {
        lock (_gate)
        {
            _firstSequence = _nextSequence;
            _events.Clear();
        }
    }

    public void AddHost(HostProfile host)
    {
        lock (_gate)
        {
            _hosts[host.Address] = host;
        }
    }

    public long StartSequence(uint initialTimestamp)
    {
        lock (_gate)
        {
            return initialTimestamp switch
            {
                0 => _firstSequence,
                0xFFFFFFFF => _nextSequence,
                _ => FirstAtOrAfter(initialTimestamp),
            };
        }
    }

    public int Read(long fromSequence, int max, List<StoredEvent> into)
    {
        lock (_gate)
        {
            var index = (int)Math.Max(0, fromSequence - _firstSequence);
            var count = Math.Min(max, _events.Count - index);
            if (count <= 0)
            {
                return 0;
            }

            into.AddRange(_events.GetRange(index, count));
            return count;
        }
    }

    public IReadOnlyList<HostProfile> Hosts(IPAddress first, IPAddress last)
    {
        var low = Key(first);
        var high = Key(last);
        lock (_gate)
        {
            return _hosts.Values
                .Where(h => Key(h.Address).CompareTo(low) >= 0 && Key(h.Address).CompareTo(high) <= 0)
                .OrderBy(h => Key(h.Address))
                .ToArray();
        }
    }

    private long FirstAtOrAfter(uint timestamp)
    {
        // Binary search: archive timestamps are non-decreasing.
        int low = 0, high = _events.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_events[middle].ArchiveTimestamp < timestamp)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return _firstSequence + low;
    }

    private static UInt128 Key(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        var v6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? address.MapToIPv6() : address;
        v6.TryWriteBytes(bytes, out _);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
