using System.Security.Cryptography.X509Certificates;
using EStreamer.Emulator.Server;
using EStreamer.Emulator.Tests.Support;

namespace EStreamer.Emulator.Tests.Tls;

/// <summary>
/// A new data folder makes its CA, server and first peer keys side by side: each certificate must still get a key
/// of its own, chain to the CA, and come back unchanged when the folder is opened again.
/// </summary>
public sealed class NewDataFolderTests
{
    private string _directory = null!;

    [SetUp]
    public void SetUp() => _directory = TestFolders.NewPath("new-folder-");

    [TearDown]
    public void TearDown() => TestFolders.Remove(_directory);

    [Test]
    public void Each_certificate_of_a_new_folder_has_a_key_of_its_own_signed_by_the_CA()
    {
        string caThumbprint, serverThumbprint;
        using (var data = EmulatorData.OpenOrCreate(_directory))
        {
            var first = data.AddPeer("127.0.0.1", "first-password");
            var second = data.AddPeer("192.0.2.7", "second-password");
            using var firstCertificate = Leaf(first.Pkcs12File!, "first-password");
            using var secondCertificate = Leaf(second.Pkcs12File!, "second-password");

            var keys = new[] { data.Authority.Certificate, data.ServerCertificate, firstCertificate, secondCertificate }
                .Select(c => Convert.ToHexString(c.PublicKey.EncodedKeyValue.RawData))
                .ToList();
            Assert.That(keys, Is.Unique, "CA, server, first and second peer keys");
            foreach (var certificate in new[] { data.ServerCertificate, firstCertificate, secondCertificate })
            {
                Assert.That(certificate.HasPrivateKey, Is.True, certificate.Subject);
                Assert.That(ChainsTo(certificate, data.Authority.Certificate), Is.True, certificate.Subject);
            }

            caThumbprint = data.Authority.Certificate.Thumbprint;
            serverThumbprint = data.ServerCertificate.Thumbprint;
        }

        using var again = EmulatorData.OpenOrCreate(_directory);
        Assert.That(again.Authority.Certificate.Thumbprint, Is.EqualTo(caThumbprint));
        Assert.That(again.ServerCertificate.Thumbprint, Is.EqualTo(serverThumbprint));
    }

    [Test]
    public void A_new_folder_closed_before_any_peer_is_added_opens_again()
    {
        EmulatorData.OpenOrCreate(_directory).Dispose();

        using var again = EmulatorData.OpenOrCreate(_directory);
        var peer = again.EnsureDefaultPeer();
        using var certificate = Leaf(peer.Pkcs12File!, peer.Password!);
        Assert.That(ChainsTo(certificate, again.Authority.Certificate), Is.True);
    }

    private static X509Certificate2 Leaf(string pkcs12File, string password)
    {
        var collection = X509CertificateLoader.LoadPkcs12CollectionFromFile(pkcs12File, password);
        return collection.Single(c => c.HasPrivateKey);
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
