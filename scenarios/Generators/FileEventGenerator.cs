using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Files;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// File events: record 500, or record 502 when the file turned out to be malware (a quarter of generated
/// files, or when the scenario says so).
/// </summary>
internal sealed class FileEventGenerator
{
    private static readonly (string Extension, uint TypeId)[] FileTypes = [("pdf", 285), ("docx", 278), ("xlsx", 280), ("zip", 273), ("exe", 21), ("msi", 22), ("js", 325)];
    private static readonly string[] Detections = ["W32.Generic:Gen.22fz.1201", "Win.Trojan.Agent-1234", "Doc.Dropper.Valyria", "JS.Downloader.Nemucod"];

    private readonly GeneratorContext _context;
    private readonly Draws _random;

    public FileEventGenerator(GeneratorContext context, int seed)
    {
        _context = context;
        _random = new Draws(seed);
    }

    public IReadOnlyList<GeneratedRecord> Generate(GenerationRequest request)
    {
        var draft = NewDraft(_random);
        var given = request.Given;
        var world = _context.World;
        var device = given.DeviceId ?? draft.DeviceId;
        var policy = given.AccessPolicy ?? _context.AccessPolicyFor(device);
        var malware = given.IsMalware ?? draft.RecordType == RecordType.FileMalwareEvent;
        var source = given.SourceIp ?? draft.SourceIp;
        var destination = given.DestinationIp ?? draft.DestinationIp;
        var record = draft with
        {
            RecordType = malware ? RecordType.FileMalwareEvent : RecordType.FileEvent,
            DeviceId = device,
            ConnectionTimestamp = request.Stamp.Second,
            FileEventTimestamp = request.Stamp.Second,
            SourceIp = source,
            DestinationIp = destination,
            SourceCountry = NetworkFacts.CountryOf(source),
            DestinationCountry = NetworkFacts.CountryOf(destination),
            SourcePort = given.SourcePort ?? draft.SourcePort,
            DestinationPort = given.DestinationPort ?? draft.DestinationPort,
            IpProtocol = given.Protocol ?? draft.IpProtocol,
            UserId = given.User?.Id ?? draft.UserId,
            FileName = given.FileName ?? draft.FileName,
            Sha256 = given.Sha256 ?? draft.Sha256,
            FileSize = given.FileSize ?? draft.FileSize,
            Disposition = given.Disposition ?? (given.IsMalware == true ? (byte)3 : draft.Disposition),
            Action = given.Action ?? draft.Action,
            Direction = given.Direction ?? draft.Direction,
            Uri = given.Uri ?? draft.Uri,
            Signature = given.Signature ?? (malware && draft.Signature.Length == 0 ? "W32.Generic:Gen.22fz.1201" : draft.Signature),
            AccessControlPolicyUuid = policy?.Uuid ?? Guid.Empty,
        };

        var metadata = _context.Metadata()
            .Add(world.Device(device))
            .Add(policy is null ? null : world.AccessPolicy(policy, device))
            .Add(world.Country(record.SourceCountry))
            .Add(world.Country(record.DestinationCountry))
            .Add(record.UserId == 0 ? null : world.User(record.UserId))
            .ToList();
        return [new GeneratedRecord(record, metadata)];
    }

    private FileEventRecord NewDraft(Draws d)
    {
        var host = d.Pick(_context.Hosts.Hosts);
        var type = d.Pick(FileTypes);
        var malware = d.Bool(0.25);
        var download = d.Bool(0.8);
        var server = _context.Hosts.OutsideAddress(d);
        var serverPort = d.Pick<ushort>([80, 443]);
        var users = _context.Users;
        var fileName = d.Pick(_context.FileNames(type.Extension));
        return new FileEventRecord
        {
            RecordType = malware ? RecordType.FileMalwareEvent : RecordType.FileEvent,
            DeviceId = d.Pick(_context.DeviceIds),
            ConnectionInstanceId = (ushort)d.Int(1, 8),
            ConnectionCounter = (ushort)d.Int(1, 65535),
            SourceIp = download ? server : host.Address,
            DestinationIp = download ? host.Address : server,
            Disposition = malware ? (byte)3 : d.Pick<byte>([1, 2]),
            SperoDisposition = malware ? (byte)3 : (byte)0,
            FileStorageStatus = (byte)d.Int(0, 3),
            FileAnalysisStatus = (byte)d.Int(0, 2),
            ThreatScore = malware ? (byte)d.Int(60, 100) : (byte)0,
            Action = malware ? d.Pick<byte>([2, 4]) : (byte)1,
            Sha256 = d.Bytes(32),
            FileTypeId = type.TypeId,
            FileName = fileName,
            FileSize = (ulong)d.Long(512, 50_000_000),
            Direction = download ? (byte)1 : (byte)2,
            UserId = users.Length > 0 && d.Bool(0.5) ? d.Pick(users).Id : 0,
            Uri = $"{(serverPort == 443 ? "https" : "http")}://{d.Pick(_context.Hosts.Domains)}/{d.Pick(_context.Words.DomainWords)}/{fileName}",
            Signature = malware ? d.Pick(Detections) : string.Empty,
            SourcePort = download ? serverPort : NetworkFacts.EphemeralPort(d),
            DestinationPort = download ? NetworkFacts.EphemeralPort(d) : serverPort,
            IpProtocol = NetworkFacts.Tcp,
            Transfer = NetworkFacts.HttpOkTransfer,
        };
    }
}
