using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using EStreamer.Emulator.Peers;
using EStreamer.Emulator.Server;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Tests.Peers;

/// <summary>
/// The peer database file: owner-only, like the folder that holds it; a broken file stops the start with its
/// location, and one that breaks while the server runs leaves the last good peers in use.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
[Parallelizable(ParallelScope.All)] // every test gets its own instance and data folder
public sealed class PeerDatabaseFileTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private string _directory = null!;

    [SetUp]
    public void Folder() => _directory = TestFolders.NewPath();

    [TearDown]
    public void RemoveFolder() => TestFolders.Remove(_directory);

    [Test]
    [UnsupportedOSPlatform("windows")]
    public void Data_folder_clients_folder_and_every_secret_are_owner_only()
    {
        using (var data = EmulatorData.OpenOrCreate(_directory))
        {
            data.AddPeer("127.0.0.1", "pw");
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.GetUnixFileMode(_directory), Is.EqualTo(OwnerReadWrite | UnixFileMode.UserExecute), "data folder");
            Assert.That(File.GetUnixFileMode(Path.Combine(_directory, "clients")), Is.EqualTo(OwnerReadWrite | UnixFileMode.UserExecute), "clients folder");
            Assert.That(File.GetUnixFileMode(Path.Combine(_directory, "peers.yaml")), Is.EqualTo(OwnerReadWrite), "peers.yaml holds the PKCS#12 passwords");
            Assert.That(File.GetUnixFileMode(Path.Combine(_directory, "ca.pfx")), Is.EqualTo(OwnerReadWrite), "the CA's private key");
            Assert.That(File.GetUnixFileMode(Path.Combine(_directory, "clients", "127.0.0.1.pkcs12")), Is.EqualTo(OwnerReadWrite));
        }

        // A file loosened by hand is tightened again on the next open.
        File.SetUnixFileMode(Path.Combine(_directory, "peers.yaml"), OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using (EmulatorData.OpenOrCreate(_directory))
        {
        }

        Assert.That(File.GetUnixFileMode(Path.Combine(_directory, "peers.yaml")), Is.EqualTo(OwnerReadWrite));
    }

    [Test]
    public void Broken_file_stops_the_open_with_file_line_and_column()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "peers.yaml");
        File.WriteAllText(path, "checkAddress: true\npeers:\n  - host: [127.0.0.1\n    thumbprint: AB\n");

        var thrown = Assert.Throws<PeerDatabaseException>(() => PeerDatabase.Open(path));
        Assert.That(thrown!.Message, Does.Match($"^{Regex.Escape(path)}:[3-5]:\\d+: peer database unreadable: .+"));
    }

    [Test]
    public void Oversized_file_is_refused_with_its_location_before_it_is_parsed()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "peers.yaml");
        File.WriteAllText(path, "checkAddress: true\n#" + new string('x', 1024 * 1024) + "\n");

        var thrown = Assert.Throws<PeerDatabaseException>(() => PeerDatabase.Open(path));
        Assert.That(thrown!.Message, Does.Match($"^{Regex.Escape(path)}:1:1: peer database unreadable: text longer than 1048576 characters"));
    }

    [Test]
    public async Task File_broken_while_the_server_runs_leaves_the_last_good_peers_and_is_logged()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.ExpectError("peer database");
        var path = emulator.Data.Peers.Path;
        File.WriteAllText(path, "peers: [ {host: 127.0.0.1, \n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        await using var client = await emulator.ConnectAsync();
        await client.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));
        Assert.That(await client.ReceiveAsync(), Is.InstanceOf<StreamingInformationMessage>(), "the peer read before the file broke is still accepted");

        var line = await emulator.Logs.WaitForLineAsync(TestClient.DefaultTimeout, "estreamer error: peer database", "unreadable");
        Assert.That(line, Does.Contain($"{path}:").And.Contain("keeping the 1 peers last read"));
    }
}
