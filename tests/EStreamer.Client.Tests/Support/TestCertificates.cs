using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EStreamer.Client.Tests.Support;

/// <summary>Certificates made in code for the scripted server: a CA, a server certificate it signs, a client certificate.</summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 authority, X509Certificate2 server, X509Certificate2 client)
    {
        Authority = authority;
        Server = server;
        Client = client;
    }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public static TestCertificates Create(string authorityName = "CN=Client Tests CA")
    {
        using var authorityKey = RSA.Create(2048);
        var authorityRequest = new CertificateRequest(authorityName, authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        var authority = authorityRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        var server = Issue(authority, "CN=localhost", now, serverAuth: true);
        var client = Issue(authority, "CN=127.0.0.1", now, serverAuth: false);
        return new TestCertificates(authority, server, client);
    }

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
        Client.Dispose();
    }

    /// <summary>The authority alone, without its private key: what a client is given to check a server with.</summary>
    public X509Certificate2 PublicAuthority() => X509CertificateLoader.LoadCertificate(Authority.RawData);

    private static X509Certificate2 Issue(X509Certificate2 authority, string subject, DateTimeOffset now, bool serverAuth)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(authority, now.AddDays(-1), now.AddDays(30), serial);

        // Through PKCS#12 so that SslStream on Linux can use the key.
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
