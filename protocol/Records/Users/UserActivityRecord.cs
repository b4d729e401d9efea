using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records.Discovery;

namespace EStreamer.Protocol.Records.Users;

/// <summary>
/// User activity records (user code 91): user dropped (92), user removed (93), new user identity (94),
/// user login (95), VPN login (170) and VPN logoff (171). Body = discovery header (reference 9.7) plus one
/// series-1 user block whose number names the layout (reference 5.6.6, 5.6.9):
/// <list type="bullet">
/// <item>167, the login block (reference 11.12): 95, 170 and 171 for every client, 93 and 94 for eNcore 3.8;</item>
/// <item>158, the user information block (reference 11.20): 92, 93 and 94 for eNcore 5.2;</item>
/// <item>120, the older user block (reference 11.12 prose): 92 for eNcore 3.8;</item>
/// <item>75 and 73, the user activity version 1 blocks (Perl SDK block table): 92–94 carry 75, whose fields
/// are those of 120, and 95 carries the login block 73 (login time, IPv4 address, user name, user ID,
/// protocol, e-mail), both behind the discovery header without its IPv6 slot.</item>
/// </list>
/// One type holds the union of the three blocks' fields; a field the chosen block lacks is not written
/// and decodes as its default.
/// </summary>
public sealed record UserActivityRecord : IVersionedRecord
{
    /// <summary>User activity version 1 login block: time, IPv4 address, name, user ID, protocol, e-mail.</summary>
    public const uint Block73 = 73;

    /// <summary>User activity version 1 user block: the fields of block 120.</summary>
    public const uint Block75 = 75;

    /// <summary>Older user block: user ID, name, protocol and five contact strings (reference 11.12).</summary>
    public const uint Block120 = 120;

    /// <summary>User information block, 92 bytes with empty strings (reference 11.20).</summary>
    public const uint Block158 = 158;

    /// <summary>User login block, 126 bytes with empty strings and no VPN session (reference 11.12).</summary>
    public const uint Block167 = 167;

    /// <summary>Record types that carry a discovery header and a user block (reference 10.1).</summary>
    public static readonly IReadOnlyList<RecordType> RecordTypes =
    [
        RecordType.UserDropped,
        RecordType.UserRemoved,
        RecordType.NewUserIdentity,
        RecordType.UserLogin,
        RecordType.VpnLogin,
        RecordType.VpnLogoff,
    ];

    private static readonly uint[] Blocks = [Block73, Block75, Block120, Block158, Block167];

    private readonly RecordType _recordType = RecordType.UserLogin;

    /// <summary>One of <see cref="RecordTypes"/>; anything else is refused when set.</summary>
    public RecordType RecordType
    {
        get => _recordType;
        init
        {
            if (!RecordTypes.Contains(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "a user activity record is record 92, 93, 94, 95, 170 or 171");
            }

            _recordType = value;
        }
    }

    public uint BlockType { get; init; } = Block167;

    public IReadOnlyList<uint> SupportedBlockTypes => Blocks;

    public DiscoveryHeader Header { get; init; } = new();

    /// <summary>Every block.</summary>
    public uint UserId { get; init; }

    /// <summary>Every block.</summary>
    public string UserName { get; init; } = string.Empty;

    /// <summary>Every block (e.g. 710 for LDAP).</summary>
    public uint Protocol { get; init; }

    /// <summary>Blocks 158 and 167; realm ID as in record 300.</summary>
    public uint RealmId { get; init; }

    /// <summary>Blocks 158 and 167.</summary>
    public uint EndpointProfileId { get; init; }

    /// <summary>Blocks 158 and 167; security group ID as in record 302.</summary>
    public uint SecurityGroupId { get; init; }

    /// <summary>Blocks 158 and 167.</summary>
    public IPAddress LocationIPv6 { get; init; } = IPAddress.IPv6Any;

    /// <summary>Every block.</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>Blocks 75, 120 and 158.</summary>
    public string FirstName { get; init; } = string.Empty;

    /// <summary>Blocks 75, 120 and 158.</summary>
    public string LastName { get; init; } = string.Empty;

    /// <summary>Blocks 75, 120 and 158.</summary>
    public string Department { get; init; } = string.Empty;

    /// <summary>Blocks 75, 120 and 158.</summary>
    public string Phone { get; init; } = string.Empty;

    /// <summary>Blocks 73 and 167.</summary>
    public uint LoginTimestamp { get; init; }

    /// <summary>
    /// Blocks 73 and 167. A 4-byte slot, so the default is the IPv4 "any" address: that is what zeros decode
    /// to, and what <see cref="DiscoveryHeader.LegacyIPv4"/> uses too.
    /// </summary>
    public IPAddress LegacyIPv4 { get; init; } = IPAddress.Any;

    /// <summary>Block 167 only.</summary>
    public string Domain { get; init; } = string.Empty;

    /// <summary>Block 167 only.</summary>
    public ushort Port { get; init; }

    /// <summary>Block 167 only.</summary>
    public ushort PortRangeStart { get; init; }

    /// <summary>Block 167 only.</summary>
    public ushort StartPort { get; init; }

    /// <summary>Block 167 only.</summary>
    public ushort EndPort { get; init; }

    /// <summary>Block 167 only.</summary>
    public IPAddress IPv6Address { get; init; } = IPAddress.IPv6Any;

    /// <summary>Block 167 only.</summary>
    public byte LoginType { get; init; }

    /// <summary>Block 167 only.</summary>
    public byte AuthenticationType { get; init; }

    /// <summary>Block 167 only.</summary>
    public string ReportedBy { get; init; } = string.Empty;

    /// <summary>Block 167 only.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>
    /// Block 167 only: the items of the VPN session list exactly as they travel, kept opaque because the
    /// item layout eNcore declares (block 166, no per-item header) looks like a client bug (reference
    /// 11.12). Empty by default, which writes the empty list (type 11, length 8) the reference asks for.
    /// </summary>
    public EquatableArray<byte> VpnSessions { get; init; } = EquatableArray<byte>.Empty;

    public IVersionedRecord WithBlockType(uint blockType)
    {
        BlockTypes.RequireOneOf(blockType, Blocks, "a user activity record");
        return this with { BlockType = blockType };
    }

    public void WriteBody(WireWriter writer) => WriteBody(writer, BlockType);

    /// <inheritdoc/>
    public void WriteBody(WireWriter writer, uint blockType)
    {
        BlockTypes.RequireOneOf(blockType, Blocks, "a user activity record");
        Header.Write(writer);
        var block = writer.BeginBlock(blockType);
        switch (blockType)
        {
            case Block73:
                WriteBlock73(writer);
                break;
            case Block75 or Block120:
                WriteBlock120(writer);
                break;
            case Block158:
                WriteBlock158(writer);
                break;
            default:
                WriteBlock167(writer);
                break;
        }

        writer.EndBlock(block);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var header = DiscoveryHeader.Read(ref reader);
        var at = reader.Offset;
        var body = reader.ReadBlock("user block", out var blockType);
        var record = blockType switch
        {
            Block73 => ReadBlock73(ref body),
            Block75 or Block120 => ReadBlock120(ref body),
            Block158 => ReadBlock158(ref body),
            Block167 => ReadBlock167(ref body),
            _ => throw new ProtocolException("user block type", at, $"block type {blockType} is not {BlockTypes.Describe(Blocks)}"),
        };
        body.ExpectEnd("user block");
        return record with { RecordType = recordType, BlockType = blockType, Header = header };
    }

    // Perl SDK block table, block 73 (user login information of user activity version 1).
    private void WriteBlock73(WireWriter writer)
    {
        writer.WriteUInt32(LoginTimestamp);
        writer.WriteIPv4(LegacyIPv4);
        writer.WriteStringBlock(UserName);
        writer.WriteUInt32(UserId);
        writer.WriteUInt32(Protocol);
        writer.WriteStringBlock(Email);
    }

    private static UserActivityRecord ReadBlock73(ref WireReader r) => new()
    {
        LoginTimestamp = r.ReadUInt32("login timestamp"),
        LegacyIPv4 = r.ReadIPv4("IPv4 address"),
        UserName = r.ReadStringBlock("user name"),
        UserId = r.ReadUInt32("user ID"),
        Protocol = r.ReadUInt32("protocol"),
        Email = r.ReadStringBlock("e-mail"),
    };

    // Reference 11.12, prose: user ID, user name, protocol, then first/last name, e-mail, department, phone.
    // Block 75 of user activity version 1 has the same fields (Perl SDK block table).
    private void WriteBlock120(WireWriter writer)
    {
        writer.WriteUInt32(UserId);
        writer.WriteStringBlock(UserName);
        writer.WriteUInt32(Protocol);
        writer.WriteStringBlock(FirstName);
        writer.WriteStringBlock(LastName);
        writer.WriteStringBlock(Email);
        writer.WriteStringBlock(Department);
        writer.WriteStringBlock(Phone);
    }

    private static UserActivityRecord ReadBlock120(ref WireReader r) => new()
    {
        UserId = r.ReadUInt32("user ID"),
        UserName = r.ReadStringBlock("user name"),
        Protocol = r.ReadUInt32("protocol"),
        FirstName = r.ReadStringBlock("first name"),
        LastName = r.ReadStringBlock("last name"),
        Email = r.ReadStringBlock("e-mail"),
        Department = r.ReadStringBlock("department"),
        Phone = r.ReadStringBlock("phone"),
    };

    // Reference 11.20 table.
    private void WriteBlock158(WireWriter writer)
    {
        writer.WriteUInt32(UserId);
        writer.WriteStringBlock(UserName);
        writer.WriteUInt32(RealmId);
        writer.WriteUInt32(Protocol);
        writer.WriteStringBlock(FirstName);
        writer.WriteStringBlock(LastName);
        writer.WriteStringBlock(Email);
        writer.WriteStringBlock(Department);
        writer.WriteStringBlock(Phone);
        writer.WriteUInt32(EndpointProfileId);
        writer.WriteUInt32(SecurityGroupId);
        writer.WriteIPv6(LocationIPv6);
    }

    private static UserActivityRecord ReadBlock158(ref WireReader r) => new()
    {
        UserId = r.ReadUInt32("user ID"),
        UserName = r.ReadStringBlock("user name"),
        RealmId = r.ReadUInt32("realm ID"),
        Protocol = r.ReadUInt32("protocol"),
        FirstName = r.ReadStringBlock("first name"),
        LastName = r.ReadStringBlock("last name"),
        Email = r.ReadStringBlock("e-mail"),
        Department = r.ReadStringBlock("department"),
        Phone = r.ReadStringBlock("phone"),
        EndpointProfileId = r.ReadUInt32("endpoint profile ID"),
        SecurityGroupId = r.ReadUInt32("security group ID"),
        LocationIPv6 = r.ReadIPv6("location IPv6 address"),
    };

    // Reference 11.12 table.
    private void WriteBlock167(WireWriter writer)
    {
        writer.WriteUInt32(LoginTimestamp);
        writer.WriteIPv4(LegacyIPv4);
        writer.WriteStringBlock(UserName);
        writer.WriteStringBlock(Domain);
        writer.WriteUInt32(UserId);
        writer.WriteUInt32(RealmId);
        writer.WriteUInt32(EndpointProfileId);
        writer.WriteUInt32(SecurityGroupId);
        writer.WriteUInt32(Protocol);
        writer.WriteUInt16(Port);
        writer.WriteUInt16(PortRangeStart);
        writer.WriteUInt16(StartPort);
        writer.WriteUInt16(EndPort);
        writer.WriteStringBlock(Email);
        writer.WriteIPv6(IPv6Address);
        writer.WriteIPv6(LocationIPv6);
        writer.WriteUInt8(LoginType);
        writer.WriteUInt8(AuthenticationType);
        writer.WriteStringBlock(ReportedBy);
        writer.WriteStringBlock(Description);
        var list = writer.BeginBlock(BlockTypes.List);
        writer.WriteBytes(VpnSessions.AsSpan());
        writer.EndBlock(list);
    }

    private static UserActivityRecord ReadBlock167(ref WireReader r)
    {
        var record = new UserActivityRecord
        {
            LoginTimestamp = r.ReadUInt32("login timestamp"),
            LegacyIPv4 = r.ReadIPv4("IPv4 address"),
            UserName = r.ReadStringBlock("user name"),
            Domain = r.ReadStringBlock("domain"),
            UserId = r.ReadUInt32("user ID"),
            RealmId = r.ReadUInt32("realm ID"),
            EndpointProfileId = r.ReadUInt32("endpoint profile ID"),
            SecurityGroupId = r.ReadUInt32("security group ID"),
            Protocol = r.ReadUInt32("protocol"),
            Port = r.ReadUInt16("port"),
            PortRangeStart = r.ReadUInt16("port range start"),
            StartPort = r.ReadUInt16("start port"),
            EndPort = r.ReadUInt16("end port"),
            Email = r.ReadStringBlock("e-mail"),
            IPv6Address = r.ReadIPv6("IPv6 address"),
            LocationIPv6 = r.ReadIPv6("location IPv6 address"),
            LoginType = r.ReadUInt8("login type"),
            AuthenticationType = r.ReadUInt8("authentication type"),
            ReportedBy = r.ReadStringBlock("reported by"),
            Description = r.ReadStringBlock("description"),
        };
        var sessions = r.ReadBlock("VPN sessions", BlockTypes.List);
        return record with { VpnSessions = sessions.ReadFixed(sessions.Remaining, "VPN sessions") };
    }

}
