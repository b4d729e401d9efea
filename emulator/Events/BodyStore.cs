using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Events;

/// <summary>
/// Where the journal keeps its events' records: each record's body, encoded once when it is appended, packed
/// into arrays of a megabyte. A million held records were a million object graphs (records, texts, lists) that
/// every collection traced and copied while a large history was generated; as bodies they are a few hundred
/// large arrays the collector does not look into, and the records made for them die young. A chunk is freed
/// once no held event refers to it. Used under the journal's lock.
/// </summary>
internal sealed class BodyStore
{
    /// <summary>Bytes of one chunk: large enough that a chunk is one large-object allocation among hundreds, small enough to be freed soon after the events in it.</summary>
    public const int ChunkBytes = 1 << 20;

    private readonly WireWriter _scratch = new(64 * 1024);
    private byte[] _chunk = [];
    private int _used;

    /// <summary>Encodes <paramref name="record"/>'s body; false, with nothing stored, for a record of raw bytes or one that cannot be written in its own layout.</summary>
    public bool TryAdd(IRecord record, out StoredBody body)
    {
        if (record is OpaqueRecord)
        {
            // Bytes given as they are need not be what a decoder of their record type reads: held as themselves,
            // they go to every client exactly as given.
            body = default;
            return false;
        }

        _scratch.Reset();
        try
        {
            record.WriteBody(_scratch);
        }
        catch (Exception failure) when (RecordCodec.IsUnwritableValue(failure))
        {
            // A scripted value its own layout cannot carry: the journal holds the record, and a session that sends
            // it reports the record then, as for any record it cannot encode.
            body = default;
            return false;
        }

        var bytes = _scratch.WrittenSpan;
        var own = record is IVersionedRecord versioned ? versioned.BlockType : (uint?)null;
        if (bytes.Length > ChunkBytes / 8)
        {
            // A large body (a big packet) gets an array of its own rather than leaving much of a chunk unused.
            body = new StoredBody(bytes.ToArray(), 0, bytes.Length, own);
            return true;
        }

        if (_chunk.Length - _used < bytes.Length)
        {
            _chunk = new byte[ChunkBytes];
            _used = 0;
        }

        bytes.CopyTo(_chunk.AsSpan(_used));
        body = new StoredBody(_chunk, _used, bytes.Length, own);
        _used += bytes.Length;
        return true;
    }

    /// <summary>Starts a new chunk: the events in the current one are gone, and it goes once the last session lets go of them.</summary>
    public void Clear()
    {
        _chunk = [];
        _used = 0;
    }
}
