using System.Globalization;
using System.Text.RegularExpressions;
using EStreamer.Protocol.Records;

namespace EStreamer.Protocol.Tests.Documentation;

/// <summary>docs/protocol-coverage.md lists every record type the library knows, each with its versions, and nothing it does not know.</summary>
public sealed partial class CoverageTableTests
{
    private static readonly string[] CatalogueRows = ReadCatalogueRows();

    [Test]
    public void Every_known_record_type_has_a_row_with_its_versions()
    {
        var listed = CatalogueRows.SelectMany(row => Types(row.Split('|')[1])).ToHashSet();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed, Is.EquivalentTo(RecordCatalog.KnownTypes.Select(t => (uint)t)));
            Assert.That(listed, Has.Count.GreaterThanOrEqualTo(80));
            Assert.That(CatalogueRows.Select(row => row.Split('|')[4].Trim()), Has.All.Not.Empty, "a versions column in every row");
        }
    }

    // "515–519", "602, 604–608, 613", "13, 14, 22–26, 31".
    private static IEnumerable<uint> Types(string cell)
    {
        foreach (Match match in TypeOrRange().Matches(cell))
        {
            var from = uint.Parse(match.Groups["from"].Value, CultureInfo.InvariantCulture);
            var to = match.Groups["to"].Success ? uint.Parse(match.Groups["to"].Value, CultureInfo.InvariantCulture) : from;
            for (var type = from; type <= to; type++)
            {
                yield return type;
            }
        }
    }

    private static string[] ReadCatalogueRows()
    {
        var text = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "protocol-coverage.md"));
        var start = text.IndexOf("## Record catalogue", StringComparison.Ordinal);
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return text[start..end].Split('\n').Where(line => DataRow().IsMatch(line)).ToArray();
    }

    [GeneratedRegex(@"(?<from>\d+)(–(?<to>\d+))?")]
    private static partial Regex TypeOrRange();

    [GeneratedRegex(@"^\| \d")]
    private static partial Regex DataRow();
}
