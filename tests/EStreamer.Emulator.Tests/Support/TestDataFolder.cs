using System.Net;
using EStreamer.Emulator.Server;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>
/// One data folder (CA, server certificate, a peer for 127.0.0.1 with its PKCS#12) made once per test run
/// and copied for each emulator: RSA key generation is the slowest part of starting one, and every
/// emulator still gets a folder of its own to change (peers revoked, address check off...).
/// </summary>
internal static class TestDataFolder
{
    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Copies the template into <paramref name="directory"/>; the peer's PKCS#12 path points into the copy.</summary>
    public static void CopyInto(string directory) => CreateCopy(directory).Dispose();

    /// <summary>Copies the template into <paramref name="directory"/> and opens it.</summary>
    public static EmulatorData CreateCopy(string directory)
    {
        CopyDirectory(Template.Value, directory);
        var data = EmulatorData.OpenOrCreate(directory);
        var host = IPAddress.Loopback.ToString();
        var file = Path.Combine(data.Directory, "clients", Path.GetFileName(data.Peers.FindByHost(host)!.Pkcs12File!));
        data.Peers.Update(host, peer => peer.Pkcs12File = file);
        return data;
    }

    private static string CreateTemplate()
    {
        var directory = TestFolders.NewPath("template-");
        using var data = EmulatorData.OpenOrCreate(directory);
        data.AddPeer(IPAddress.Loopback.ToString(), RunningEmulator.PeerPassword);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return directory;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }
    }
}
