using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records;

/// <summary>A record body: what follows the record header inside Event Data (reference 6.1).</summary>
public interface IRecord
{
    RecordType RecordType { get; }

    /// <summary>Writes the record body only; the record header is the caller's.</summary>
    void WriteBody(WireWriter writer);
}
