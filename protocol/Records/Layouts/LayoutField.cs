namespace EStreamer.Protocol.Records.Layouts;

/// <summary>How one field of a declared layout sits on the wire (reference 9.1–9.5, 9.7).</summary>
public enum FieldKind
{
    /// <summary>Big-endian unsigned integers of 1, 2, 4 and 8 bytes.</summary>
    UInt8,
    UInt16,
    UInt32,
    UInt64,

    /// <summary>A 4-byte IPv4 address.</summary>
    IPv4,

    /// <summary>A 16-byte address slot; IPv4 is written as <c>::ffff:a.b.c.d</c>.</summary>
    IPv6,

    /// <summary>A 6-byte MAC address.</summary>
    Mac,

    /// <summary>A 16-byte UUID in RFC 4122 byte order.</summary>
    Uuid,

    /// <summary>Opaque bytes of a fixed size (<see cref="LayoutField.Size"/>): SHA-1 and SHA-256 hashes, serial numbers.</summary>
    Bytes,

    /// <summary>Text after a uint16 byte count (no block header).</summary>
    Text16,

    /// <summary>Text after a uint32 byte count (no block header).</summary>
    Text32,

    /// <summary>Series-1 string block (type 0): type, length including the header, UTF-8 text.</summary>
    StringBlock,

    /// <summary>Series-1 BLOB block (type 10): type, length including the header, opaque bytes.</summary>
    BlobBlock,

    /// <summary>A nested data block whose layout is <see cref="LayoutField.Block"/>.</summary>
    Block,

    /// <summary>A list block (type 11) of items, each a <see cref="LayoutField.Block"/>.</summary>
    List,

    /// <summary>The discovery event header (reference 9.7), with or without its IPv6 slot.</summary>
    DiscoveryHeader,
}

/// <summary>
/// One named field of a declared layout. <see cref="Name"/> is the key a scenario uses to set it and the
/// key a decoded record is read by, in kebab-case (<c>ip-address</c>, <c>last-seen</c>).
/// </summary>
public sealed record LayoutField(string Name, FieldKind Kind, BlockLayout? Block = null, int Size = 0)
{
    public static LayoutField UInt8(string name) => new(name, FieldKind.UInt8);

    public static LayoutField UInt16(string name) => new(name, FieldKind.UInt16);

    public static LayoutField UInt32(string name) => new(name, FieldKind.UInt32);

    public static LayoutField UInt64(string name) => new(name, FieldKind.UInt64);

    public static LayoutField IPv4(string name) => new(name, FieldKind.IPv4);

    public static LayoutField IPv6(string name) => new(name, FieldKind.IPv6);

    public static LayoutField Mac(string name) => new(name, FieldKind.Mac);

    public static LayoutField Uuid(string name) => new(name, FieldKind.Uuid);

    /// <summary>A fixed number of opaque bytes; a shorter value is zero-padded.</summary>
    public static LayoutField Bytes(string name, int size) => new(name, FieldKind.Bytes, Size: size);

    public static LayoutField Text16(string name) => new(name, FieldKind.Text16);

    public static LayoutField Text32(string name) => new(name, FieldKind.Text32);

    public static LayoutField String(string name) => new(name, FieldKind.StringBlock);

    public static LayoutField Blob(string name) => new(name, FieldKind.BlobBlock);

    public static LayoutField Nested(string name, BlockLayout block) => new(name, FieldKind.Block, block);

    public static LayoutField ListOf(string name, BlockLayout item) => new(name, FieldKind.List, item);

    /// <summary>The discovery header, always a record's first field; its key is <c>header</c>.</summary>
    public static LayoutField Header { get; } = new("header", FieldKind.DiscoveryHeader);

    /// <summary>Bytes the field takes when its size does not depend on its value; null otherwise.</summary>
    public int? FixedSize => Kind switch
    {
        FieldKind.UInt8 => 1,
        FieldKind.UInt16 => 2,
        FieldKind.UInt32 or FieldKind.IPv4 => 4,
        FieldKind.UInt64 => 8,
        FieldKind.Mac => 6,
        FieldKind.IPv6 or FieldKind.Uuid => 16,
        FieldKind.Bytes => Size,
        _ => null,
    };

    /// <summary>The largest value an integer field holds.</summary>
    public ulong MaxValue => Kind switch
    {
        FieldKind.UInt8 => byte.MaxValue,
        FieldKind.UInt16 => ushort.MaxValue,
        FieldKind.UInt32 => uint.MaxValue,
        _ => ulong.MaxValue,
    };

    public bool IsInteger => Kind is FieldKind.UInt8 or FieldKind.UInt16 or FieldKind.UInt32 or FieldKind.UInt64;
}

/// <summary>A data block's type number and the fields of its body (reference 9.2); the 8-byte header is implied.</summary>
public sealed record BlockLayout(uint BlockType, string Name, IReadOnlyList<LayoutField> Fields);

/// <summary>
/// A record type whose body is declared field by field rather than coded by hand: the broad catalogue of
/// discovery, user-input and metadata records. <see cref="Source"/> says where the layout comes from.
/// </summary>
public sealed record RecordLayout(RecordType RecordType, string Name, IReadOnlyList<LayoutField> Fields, string Source)
{
    /// <summary>True when the body starts with the discovery header.</summary>
    public bool HasDiscoveryHeader => Fields.Count > 0 && Fields[0].Kind == FieldKind.DiscoveryHeader;
}
