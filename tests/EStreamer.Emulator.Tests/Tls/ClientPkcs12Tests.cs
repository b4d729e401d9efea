using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EStreamer.Emulator.Server;
using EStreamer.Emulator.Tests.Support;

namespace EStreamer.Emulator.Tests.Tls;

/// <summary>
/// The PKCS#12 a peer gets, read the way flag-only clients read it: split with the openssl CLI, whose first
/// certificate they take as their own and pair with the one key.
/// </summary>
public sealed class ClientPkcs12Tests
{
    private const string Password = "pkcs12-test";

    [Test]
    public async Task Openssl_prints_the_client_certificate_first_and_it_matches_the_key()
    {
        var directory = TestFolders.NewPath();
        try
        {
            using var data = TestDataFolder.CreateCopy(directory);
            var peer = data.AddPeer("10.1.2.3", Password);

            var pem = await OpensslAsync("pkcs12", "-in", peer.Pkcs12File!, "-nodes", "-passin", $"pass:{Password}");

            var certificates = PemBlocks(pem, "CERTIFICATE").Select(block => X509Certificate2.CreateFromPem(block)).ToArray();
            using var key = RSA.Create();
            key.ImportFromPem(PemBlocks(pem, "PRIVATE KEY").Single());
            using var first = certificates[0];
            using var firstKey = first.GetRSAPublicKey()!;
            using (Assert.EnterMultipleScope())
            {
                Assert.That(certificates, Has.Length.EqualTo(2));
                Assert.That(first.GetNameInfo(X509NameType.SimpleName, false), Is.EqualTo("10.1.2.3"));
                Assert.That(firstKey.ExportParameters(false).Modulus, Is.EqualTo(key.ExportParameters(false).Modulus), "the first certificate is the key's");
                Assert.That(certificates[1].Thumbprint, Is.EqualTo(data.Authority.Certificate.Thumbprint), "then the CA");
                Assert.That(pem.IndexOf("BEGIN PRIVATE KEY", StringComparison.Ordinal), Is.GreaterThan(pem.IndexOf("BEGIN CERTIFICATE", StringComparison.Ordinal)).And.LessThan(pem.LastIndexOf("BEGIN CERTIFICATE", StringComparison.Ordinal)), "certificate, key, CA");
            }

            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Dotnet_loads_it_with_the_key_paired_to_the_client_certificate()
    {
        var directory = TestFolders.NewPath();
        try
        {
            using var data = TestDataFolder.CreateCopy(directory);
            var peer = data.AddPeer("client.example", Password);

            using var loaded = X509CertificateLoader.LoadPkcs12FromFile(peer.Pkcs12File!, Password);
            var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(peer.Pkcs12File!, Password);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(loaded.HasPrivateKey, Is.True);
                Assert.That(loaded.GetNameInfo(X509NameType.SimpleName, false), Is.EqualTo("client.example"));
                Assert.That(all.Select(c => c.Thumbprint), Does.Contain(data.Authority.Certificate.Thumbprint));
                Assert.That(() => X509CertificateLoader.LoadPkcs12FromFile(peer.Pkcs12File!, "wrong"), Throws.InstanceOf<CryptographicException>());
            }

            foreach (var certificate in all)
            {
                certificate.Dispose();
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IEnumerable<string> PemBlocks(string text, string label)
    {
        var begin = $"-----BEGIN {label}-----";
        var end = $"-----END {label}-----";
        for (var at = text.IndexOf(begin, StringComparison.Ordinal); at >= 0; at = text.IndexOf(begin, at + begin.Length, StringComparison.Ordinal))
        {
            var stop = text.IndexOf(end, at, StringComparison.Ordinal) + end.Length;
            yield return text[at..stop];
        }
    }

    private static async Task<string> OpensslAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The openssl CLI is part of the test's contract (.ci/run installs it): a missing one fails here.
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(process.ExitCode, Is.Zero, await error);
        return await output;
    }
}
