using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using EStreamer.Emulator.Cli;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Scenarios.Loading;

namespace EStreamer.Emulator.Tests.Cli;

/// <summary>
/// `probe --pcap FILE` against the emulator on 127.0.0.1: the file is read here byte by byte, with a pcap
/// parser and an RFC 1071 checksum of the test's own, and compared with the packet records probe printed.
/// </summary>
public sealed class ProbePcapTests
{
    // IPv4 and IPv6, TCP and UDP: every kind of frame the generators build.
    private const string Scenario = """
        name: pcap
        seed: 5
        timeline:
          - at: 1s
            intrusion: { source-ip: 198.18.0.7, destination-ip: 10.1.0.20, source-port: 40000, destination-port: 80, protocol: tcp, packet: { text: "GET / HTTP/1.1\r\n\r\n" } }
          - at: 2s
            intrusion: { source-ip: 10.1.0.20, destination-ip: 192.0.2.53, source-port: 40001, destination-port: 53, protocol: udp, packet: { text: "odd" } }
          - at: 3s
            intrusion: { source-ip: "2001:db8::7", destination-ip: "2001:db8::20", source-port: 40002, destination-port: 443, protocol: tcp, packet: true }
          - at: 4s
            intrusion: { source-ip: "2001:db8::20", destination-ip: "2001:db8::53", source-port: 40003, destination-port: 53, protocol: udp, packet: true }
        """;

    private static readonly (ushort Source, ushort Destination, byte Protocol, ushort EtherType)[] Expected =
    [
        (40000, 80, 6, 0x0800),
        (40001, 53, 17, 0x0800),
        (40002, 443, 6, 0x86DD),
        (40003, 53, 17, 0x86DD),
    ];

    private RunningEmulator _emulator = null!;
    private string _scratch = null!;

    [OneTimeSetUp]
    public async Task StartEmulator()
    {
        // Compiled for a start a minute ago: the four events are history a client asking from the oldest gets at once.
        var scenario = ScenarioLoader.LoadText(Scenario, "pcap.yaml");
        _emulator = await RunningEmulator.StartAsync(scenario, DateTimeOffset.UtcNow.AddMinutes(-1));
        _scratch = Path.Combine(Path.GetTempPath(), "estreamer-probe-pcap-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_scratch);
    }

    [OneTimeTearDown]
    public async Task StopEmulator()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    [Test]
    public async Task Every_packet_record_lands_in_a_libpcap_file_with_its_time_and_valid_checksums()
    {
        var file = Path.Combine(_scratch, "packets.pcap");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var status = await ProbeCommand.RunAsync(
            [
                "--host", "127.0.0.1", "--port", _emulator.Port.ToString(CultureInfo.InvariantCulture),
                "--pkcs12", _emulator.Peer.Pkcs12File!, "--password", RunningEmulator.PeerPassword,
                "--extended", "--families", "intrusion,packet-data", "--count", "8", "--pcap", file,
            ],
            output,
            error).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(status, Is.Zero, error.ToString());

        var printed = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("recordType").GetUInt32() == 2)
            .Select(r => r.GetProperty("record"))
            .ToList();
        var bytes = await File.ReadAllBytesAsync(file);
        var packets = ReadPcap(bytes);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Convert.ToHexString(bytes.AsSpan(0, 24)), Is.EqualTo("D4C3B2A1" + "0200" + "0400" + "00000000" + "00000000" + "FFFF0000" + "01000000"));
            Assert.That(error.ToString(), Does.Contain($"probe: pcap: 4 packets written to {file}"));
            Assert.That(packets, Has.Count.EqualTo(4));
            Assert.That(printed, Has.Count.EqualTo(4));
        }

        for (var i = 0; i < packets.Count; i++)
        {
            var (second, microsecond, frame, originalLength) = packets[i];
            var record = printed[i];
            var expected = Expected[i];
            using (Assert.EnterMultipleScope())
            {
                Assert.That(second, Is.EqualTo(record.GetProperty("packetSecond").GetUInt32()), $"packet {i} second");
                Assert.That(microsecond, Is.EqualTo(record.GetProperty("packetMicrosecond").GetUInt32()), $"packet {i} microsecond");
                Assert.That(Convert.ToHexStringLower(frame), Is.EqualTo(record.GetProperty("packet").GetString()), $"packet {i} bytes");
                Assert.That(originalLength, Is.EqualTo(frame.Length), $"packet {i} original length");
                Assert.That(BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)), Is.EqualTo(expected.EtherType), $"packet {i} EtherType");
                Assert.That(Transport(frame), Is.EqualTo((expected.Source, expected.Destination, expected.Protocol, true)), $"packet {i}: ports, protocol, checksums");
            }
        }
    }

    [Test]
    public async Task A_pcap_file_that_cannot_be_created_fails_the_probe_before_it_connects()
    {
        var file = Path.Combine(_scratch, "no-such-folder", "packets.pcap");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var status = await ProbeCommand.RunAsync(
            [
                "--host", "127.0.0.1", "--port", _emulator.Port.ToString(CultureInfo.InvariantCulture),
                "--pkcs12", _emulator.Peer.Pkcs12File!, "--password", RunningEmulator.PeerPassword, "--pcap", file,
            ],
            output,
            error).WaitAsync(TimeSpan.FromSeconds(30));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(1));
            Assert.That(error.ToString(), Does.Contain($"estreamer-emulator: error: cannot write the --pcap file {file}"));
            Assert.That(error.ToString(), Does.Not.Contain("probe: connecting"));
        }
    }

    private static List<(uint Second, uint Microsecond, byte[] Frame, int OriginalLength)> ReadPcap(byte[] file)
    {
        var packets = new List<(uint, uint, byte[], int)>();
        for (var at = 24; at < file.Length;)
        {
            var header = file.AsSpan(at, 16);
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            var original = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
            packets.Add((BinaryPrimitives.ReadUInt32LittleEndian(header), BinaryPrimitives.ReadUInt32LittleEndian(header[4..]), file.AsSpan(at + 16, captured).ToArray(), original));
            at += 16 + captured;
        }

        return packets;
    }

    /// <summary>Ports and protocol of an Ethernet frame, and whether its IPv4 header and TCP/UDP checksums verify.</summary>
    private static (ushort Source, ushort Destination, byte Protocol, bool ChecksumsValid) Transport(byte[] frame)
    {
        var ip = frame.AsSpan(14);
        bool valid;
        byte protocol;
        int headerLength;
        uint sum;
        if (ip[0] >> 4 == 4)
        {
            headerLength = (ip[0] & 0x0F) * 4;
            protocol = ip[9];
            valid = Folds(Sum(ip[..headerLength], 0)) && BinaryPrimitives.ReadUInt16BigEndian(ip[2..]) == ip.Length;
            sum = Sum(ip[12..20], 0);
        }
        else
        {
            headerLength = 40;
            protocol = ip[6];
            valid = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]) == ip.Length - 40;
            sum = Sum(ip[8..40], 0);
        }

        var segment = ip[headerLength..];
        sum += protocol + (uint)segment.Length;
        valid &= Folds(Sum(segment, sum));
        return (BinaryPrimitives.ReadUInt16BigEndian(segment), BinaryPrimitives.ReadUInt16BigEndian(segment[2..]), protocol, valid);
    }

    private static uint Sum(ReadOnlySpan<byte> bytes, uint sum)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            sum += i % 2 == 0 ? (uint)bytes[i] << 8 : bytes[i];
        }

        return sum;
    }

    private static bool Folds(uint sum)
    {
        while (sum > 0xFFFF)
        {
            sum = (sum >> 16) + (sum & 0xFFFF);
        }

        return sum == 0xFFFF;
    }
}
