using System.Net;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Layouts;
using static EStreamer.Protocol.Tests.Records.Discovery.DiscoveryLayoutSamples;

namespace EStreamer.Protocol.Tests.Records.Discovery;

/// <summary>
/// The declared discovery layouts (<see cref="DiscoveryLayouts"/>): each record type is the 56-byte
/// discovery header, then its block written by hand in <see cref="DiscoveryLayoutSamples"/>. Record types
/// that share a block share its vector; only the record type differs.
/// </summary>
public sealed class DiscoveryLayoutGoldenVectorTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case(RecordType.NewHost, "host-profile", HostProfile(), HostProfileHex());

        foreach (var type in new[]
                 {
                     RecordType.NewTcpServer, RecordType.NewUdpServer, RecordType.TcpServerInformationUpdate,
                     RecordType.UdpServerInformationUpdate, RecordType.TcpServerConfidenceUpdate, RecordType.UdpServerConfidenceUpdate,
                 })
        {
            yield return Case(type, "server", Server(), ServerHex);
        }

        foreach (var type in new[] { RecordType.NewClientApplication, RecordType.ClientApplicationTimeout, RecordType.ClientApplicationUpdate })
        {
            yield return Case(type, "client-application", ClientApplication(), ClientApplicationHex);
        }

        yield return Case(RecordType.OsInformationUpdate, "operating-system", OperatingSystem(), OperatingSystemHex);
        yield return Case(RecordType.OsConfidenceUpdate, "operating-system", OperatingSystem(), OperatingSystemHex);
        yield return Case(RecordType.VlanTagUpdate, "vlan", Vlan(), VlanHex);
        yield return Case(RecordType.NetBiosNameChange, "netbios-name", NetBiosName(), NetBiosNameHex);
        yield return Case(RecordType.BannerUpdate, "banner", Banner(), BannerHex);

        foreach (var type in new[] { RecordType.HostAttributeAdd, RecordType.HostAttributeUpdate, RecordType.HostAttributeDelete })
        {
            yield return Case(type, "attribute", AttributeDefinition(), AttributeDefinitionHex);
        }

        yield return Case(RecordType.ConnectionChunk, "connection-chunk", ConnectionChunk(), ConnectionChunkHex);
        yield return Case(RecordType.NewOs, "fingerprint", Fingerprint(0), FingerprintHex(0));
        yield return Case(RecordType.IdentityConflict, "identity", Identity(), IdentityHex);
        yield return Case(RecordType.IdentityTimeout, "identity", Identity(), IdentityHex);
        yield return Case(RecordType.HostIocSet, "ioc", Ioc(), IocHex);
    }

    [TestCaseSource(nameof(Cases))]
    public void Encoder_writes_the_golden_bytes(LayoutRecord record, string blockHex)
    {
        var bytes = RecordCodec.WriteBody(record);

        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(DiscoveryHeaderSample.Vector + "\n" + blockHex))));
    }

    [TestCaseSource(nameof(Cases))]
    public void Decoder_reads_every_value_back(LayoutRecord record, string blockHex)
    {
        var decoded = RecordCodec.ReadBody(record.RecordType, Hex.Parse(DiscoveryHeaderSample.Vector + "\n" + blockHex));

        Assert.That(decoded, Is.TypeOf<LayoutRecord>());
        var layout = (LayoutRecord)decoded;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(layout.Layout, Is.SameAs(record.Layout));
            Assert.That(layout.Header, Is.EqualTo(DiscoveryHeaderSample.Header));
            AssertSameValues(record.Layout.Fields.Skip(1), record.Values, layout.Values, path: string.Empty);
        }
    }

    [Test]
    public void Every_declared_discovery_layout_has_a_vector()
    {
        var covered = Cases().Select(c => ((LayoutRecord)c.Arguments[0]!).RecordType).ToHashSet();

        Assert.That(DiscoveryLayouts.All.Select(l => l.RecordType), Is.SubsetOf(covered));
    }

    [Test]
    public void Samples_set_every_field_of_their_blocks()
    {
        foreach (var testCase in Cases())
        {
            var record = (LayoutRecord)testCase.Arguments[0]!;
            AssertEveryFieldSet(record.Layout.Fields, record.Values, record.Layout.Name);
        }
    }

    // Compares field by field, so that a decoder that shifts one value into its neighbour is named.
    private static void AssertSameValues(IEnumerable<LayoutField> fields, FieldValues expected, FieldValues actual, string path)
    {
        foreach (var field in fields)
        {
            var name = path + field.Name;
            var want = expected[field.Name];
            var got = actual[field.Name];
            switch (field.Kind)
            {
                case FieldKind.Block:
                    AssertSameValues(field.Block!.Fields, (FieldValues)want, (FieldValues)got, name + ".");
                    break;
                case FieldKind.List:
                    var wantItems = (IReadOnlyList<FieldValues>)want;
                    var gotItems = (IReadOnlyList<FieldValues>)got;
                    Assert.That(gotItems, Has.Count.EqualTo(wantItems.Count), name);
                    for (var i = 0; i < Math.Min(wantItems.Count, gotItems.Count); i++)
                    {
                        AssertSameValues(field.Block!.Fields, wantItems[i], gotItems[i], $"{name}[{i}].");
                    }

                    break;
                case FieldKind.IPv6 or FieldKind.IPv4:
                    Assert.That(((IPAddress)got).Equals((IPAddress)want), Is.True, $"{name}: {got} is not {want}");
                    break;
                case FieldKind.UInt8 or FieldKind.UInt16 or FieldKind.UInt32 or FieldKind.UInt64:
                    Assert.That(got, Is.EqualTo(Convert.ToUInt64(want, System.Globalization.CultureInfo.InvariantCulture)), name);
                    break;
                default:
                    Assert.That(got, Is.EqualTo(want), name);
                    break;
            }
        }
    }

    private static void AssertEveryFieldSet(IEnumerable<LayoutField> fields, FieldValues values, string path)
    {
        foreach (var field in fields)
        {
            var name = $"{path}.{field.Name}";
            Assert.That(values.ContainsKey(field.Name), Is.True, $"{name} is not set");
            switch (field.Kind)
            {
                case FieldKind.Block:
                    AssertEveryFieldSet(field.Block!.Fields, (FieldValues)values[field.Name], name);
                    break;
                case FieldKind.List:
                    var items = values.Items(field.Name);
                    Assert.That(items, Is.Not.Empty, $"{name} has no item");
                    foreach (var item in items)
                    {
                        AssertEveryFieldSet(field.Block!.Fields, item, name);
                    }

                    break;
                case FieldKind.StringBlock:
                    Assert.That(values[field.Name], Is.Not.Empty, $"{name} is empty");
                    break;
            }
        }
    }

    private static TestCaseData Case(RecordType type, string blockField, FieldValues block, string blockHex)
    {
        var layout = RecordLayouts.Get(type);
        var record = new LayoutRecord(layout, new FieldValues().Set("header", DiscoveryHeaderSample.Header).Set(blockField, block));
        return new TestCaseData(record, blockHex).SetName($"{layout.Name} ({(uint)type})");
    }
}
