using System.Net;

namespace EStreamer.Emulator.Events;

/// <summary>
/// The server's store of events: an append-only, capped, in-memory journal ordered by archive time.
/// The real server keeps no per-client history (reference 4.2), so any session may start anywhere in it.
/// </summary>
public sealed class EventJournal : IEventSource
{
    private readonly object _gate = new();
    private readonly Dictionary<IPAddress, HostProfile> _hosts = [];
    private readonly MetadataInterner _metadata = new();
    private readonly BodyStore? _bodies;
    private readonly int _capacity;

    // A ring over a growing array: appending at the cap overwrites the oldest event in place, so a full
    // journal costs the same per append as an empty one.
    private StoredEvent[] _ring = [];
    private int _head;
    private int _count;
    private long _firstSequence = 1;
    private long _nextSequence = 1;
    private long _dropped;

    /// <param name="capacity">Events held at most.</param>
    /// <param name="storeBodies">
    /// True (the server's way): events hold their records as stored bodies (<see cref="StoredBody"/>); false: as
    /// the records themselves, which tests compare the bodies with.
    /// </param>
    public EventJournal(int capacity = Server.EmulatorOptions.DefaultJournalCapacity, bool storeBodies = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _bodies = storeBodies ? new BodyStore() : null;
    }

    public event Action? Appended;

    /// <summary>Events the journal holds at most.</summary>
    public int Capacity => _capacity;

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Events dropped at the cap since the start: the oldest make room, and this says how many did.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Appends records in order. Archive timestamps never go backwards: a late one is raised to the last.</summary>
    public void Append(IEnumerable<(uint ArchiveTimestamp, Protocol.Records.IRecord Record, IReadOnlyList<Protocol.Records.IRecord> Metadata)> items)
    {
        lock (_gate)
        {
            foreach (var (archiveTimestamp, record, metadata) in items)
            {
                var last = _count > 0 ? At(_count - 1).ArchiveTimestamp : 0;
                Add(Store(_nextSequence++, Math.Max(archiveTimestamp, last), record, _metadata.List(metadata)));
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
            _bodies?.Clear();
            Array.Clear(_ring);
            _head = 0;
            _count = 0;
        }
    }

    public void AddHost(HostProfile host) => AddHosts([host]);

    /// <summary>Adds or replaces hosts in order: of two profiles of one address, the later wins.</summary>
    public void AddHosts(IEnumerable<HostProfile> hosts)
    {
        lock (_gate)
        {
            foreach (var host in hosts)
            {
                _hosts[host.Address] = host;
            }
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
            var count = Math.Min(max, _count - index);
            if (count <= 0)
            {
                return 0;
            }

            into.EnsureCapacity(into.Count + count);
            for (var i = 0; i < count; i++)
            {
                into.Add(At(index + i));
            }

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
        int low = 0, high = _count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (At(middle).ArchiveTimestamp < timestamp)
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

    /// <summary>
    /// The event to hold: a metadata record as the one instance of its value (sessions tell "sent before?" by
    /// reference), any other record as its stored body when the journal stores bodies and the record's own layout
    /// can carry it.
    /// </summary>
    private StoredEvent Store(long sequence, uint archiveTimestamp, Protocol.Records.IRecord record, IReadOnlyList<Protocol.Records.IRecord> metadata)
    {
        if (Protocol.Negotiation.RecordFamilies.FamilyOf(record.RecordType) == Protocol.Negotiation.EventFamily.Metadata)
        {
            return new StoredEvent(sequence, archiveTimestamp, _metadata.Intern(record), metadata);
        }

        return _bodies is not null && _bodies.TryAdd(record, out var body)
            ? new StoredEvent(sequence, archiveTimestamp, record.RecordType, body, metadata)
            : new StoredEvent(sequence, archiveTimestamp, record, metadata);
    }

    /// <summary>The held event <paramref name="index"/> places after the oldest.</summary>
    private StoredEvent At(int index) => _ring[(_head + index) % _ring.Length];

    private void Add(StoredEvent stored)
    {
        if (_count == _capacity)
        {
            _ring[_head] = stored;
            _head = (_head + 1) % _ring.Length;
            _firstSequence++;
            Interlocked.Increment(ref _dropped);
            return;
        }

        if (_count == _ring.Length)
        {
            Grow();
        }

        _ring[(_head + _count) % _ring.Length] = stored;
        _count++;
    }

    private void Grow()
    {
        var larger = new StoredEvent[(int)Math.Min(_capacity, Math.Max(1024L, _ring.Length * 2L))];
        for (var i = 0; i < _count; i++)
        {
            larger[i] = At(i);
        }

        _ring = larger;
        _head = 0;
    }

    private static UInt128 Key(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        var v6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? address.MapToIPv6() : address;
        v6.TryWriteBytes(bytes, out _);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
