using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records;

/// <summary>
/// A record the catalogue does not decode: its type and raw body, kept intact. Decoding never throws
/// on an unknown record type; it yields one of these.
/// </summary>
public sealed record OpaqueRecord(RecordType RecordType, EquatableArray<byte> Body) : IRecord
{
    public void WriteBody(WireWriter writer) => writer.WriteBytes(Body.AsSpan());
}
