using Bogus;
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
    private readonly Faker<FileEventRecord> _faker;

    public FileEventGenerator(GeneratorContext context, int seed)
    {
        _context = context;
        _faker = new Faker<FileEventRecord>()
            .UseSeed(seed)
            .UseDateTimeReference(GeneratorContext.DateReference)
            .CustomInstantiator(f =>
            {
                var host = f.PickRandom(context.Hosts.Hosts);
                var type = f.PickRandom(FileTypes);
                var malware = f.Random.Bool(0.25f);
                var download = f.Random.Bool(0.8f);
                var server = NetworkFacts.ExternalAddress(f);
                var serverPort = f.PickRandom<ushort>(80, 443);
                var users = context.Users;
                var fileName = f.System.FileName(type.Extension);
                return new FileEventRecord
                {
                    RecordType = malware ? RecordType.FileMalwareEvent : RecordType.FileEvent,
                    DeviceId = f.PickRandom(context.DeviceIds),
                    ConnectionInstanceId = (ushort)f.Random.Int(1, 8),
                    ConnectionCounter = (ushort)f.Random.Int(1, 65535),
                    SourceIp = download ? server : host.Address,
                    DestinationIp = download ? host.Address : server,
                    Disposition = malware ? (byte)3 : f.PickRandom<byte>(1, 2),
                    SperoDisposition = malware ? (byte)3 : (byte)0,
                    FileStorageStatus = (byte)f.Random.Int(0, 3),
                    FileAnalysisStatus = (byte)f.Random.Int(0, 2),
                    ThreatScore = malware ? (byte)f.Random.Int(60, 100) : (byte)0,
                    Action = malware ? f.PickRandom<byte>(2, 4) : (byte)1,
                    Sha256 = f.Random.Bytes(32),
                    FileTypeId = type.TypeId,
                    FileName = fileName,
                    FileSize = (ulong)f.Random.Long(512, 50_000_000),
                    Direction = download ? (byte)1 : (byte)2,
                    UserId = users.Length > 0 && f.Random.Bool(0.5f) ? f.PickRandom(users).Id : 0,
                    Uri = $"{(serverPort == 443 ? "https" : "http")}://{f.PickRandom(context.Hosts.Domains)}/{f.Internet.DomainWord()}/{fileName}",
                    Signature = malware ? f.PickRandom(Detections) : string.Empty,
                    SourcePort = download ? serverPort : NetworkFacts.EphemeralPort(f),
                    DestinationPort = download ? NetworkFacts.EphemeralPort(f) : serverPort,
                    IpProtocol = NetworkFacts.Tcp,
                    Transfer = NetworkFacts.HttpOkTransfer,
                };
            });
    }

    public IReadOnlyList<GeneratedRecord> Generate(GenerationRequest request)
    {
        var draft = _faker.Generate();
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

        var metadata = new MetadataList()
            .Add(world.Device(device))
            .Add(policy is null ? null : world.AccessPolicy(policy, device))
            .Add(world.Country(record.SourceCountry))
            .Add(world.Country(record.DestinationCountry))
            .Add(record.UserId == 0 ? null : world.User(record.UserId))
            .ToList();
        return [new GeneratedRecord(record, metadata)];
    }
}
