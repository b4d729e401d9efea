using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace EStreamer.Emulator.Tls;

/// <summary>
/// The emulator's internal certificate authority, standing in for the management center's: it signs
/// the server certificate and, per registered peer, a client certificate whose subject CN is the host
/// or address typed when the peer was added (reference 1.3).
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private readonly TimeProvider _time;

    public CertificateAuthority(X509Certificate2 certificate, TimeProvider? time = null)
    {
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("the CA certificate needs its private key", nameof(certificate));
        }

        Certificate = certificate;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The CA certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>A new RSA key of the size every certificate here has; a few hundred milliseconds of one core.</summary>
    public static RSA NewKey() => RSA.Create(2048);

    public static CertificateAuthority Create(string commonName, TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        using var key = NewKey();
        var request = new CertificateRequest($"CN={commonName}, O=EStreamer Emulator", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        return new CertificateAuthority(certificate, time);
    }

    /// <summary>
    /// Server certificate for the listener, with SANs for localhost and loopback plus any names given. A
    /// <paramref name="key"/> made beforehand (<see cref="NewKey"/>) is used and disposed; none, one is made.
    /// </summary>
    public X509Certificate2 IssueServerCertificate(IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses, RSA? key = null)
    {
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames.Append("localhost").Distinct(StringComparer.OrdinalIgnoreCase))
        {
            san.AddDnsName(name);
        }

        foreach (var address in addresses.Append(IPAddress.Loopback).Append(IPAddress.IPv6Loopback).Distinct())
        {
            san.AddIpAddress(address);
        }

        return Issue("EStreamer Emulator server", ServerAuth, san, _time.GetUtcNow().AddYears(5), madeKey: key);
    }

    /// <summary>
    /// Client certificate for a peer: CN = the host or address (what the post-connect check compares with
    /// the connection's source), a matching SAN, client-auth usage. A <paramref name="key"/> made beforehand is
    /// used and disposed; none, one is made.
    /// </summary>
    public X509Certificate2 IssueClientCertificate(string host, DateTimeOffset? notAfter = null, DateTimeOffset? notBefore = null, RSA? key = null)
    {
        var san = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(host, out var address))
        {
            san.AddIpAddress(address);
        }
        else
        {
            san.AddDnsName(host);
        }

        return Issue(host, ClientAuth, san, notAfter ?? _time.GetUtcNow().AddYears(2), notBefore, key);
    }

    /// <summary>
    /// The file a management center hands out for a client, password-protected, in the order its files
    /// have: the client certificate, then its key, then the CA certificate. Clients that split the file
    /// with <c>openssl pkcs12 -nodes</c> take the first certificate as theirs, so the order matters.
    /// 3DES with a SHA-1 MAC, because older OpenSSL builds behind older clients read only that (reference 1.3).
    /// </summary>
    public byte[] ExportClientPkcs12(X509Certificate2 clientWithKey, string password)
    {
        using var key = clientWithKey.GetRSAPrivateKey()
            ?? throw new ArgumentException("the client certificate needs its RSA private key", nameof(clientWithKey));
        var protection = new PbeParameters(PbeEncryptionAlgorithm.TripleDes3KeyPkcs12, HashAlgorithmName.SHA1, 2048);

        // The same local key id on the certificate and the key tells every reader which key is whose.
        var keyId = new Pkcs9LocalKeyId(clientWithKey.GetCertHash());
        using var clientPublic = X509CertificateLoader.LoadCertificate(clientWithKey.RawData);
        using var caPublic = X509CertificateLoader.LoadCertificate(Certificate.RawData);
        var contents = new Pkcs12SafeContents();
        contents.AddCertificate(clientPublic).Attributes.Add(keyId);
        contents.AddShroudedKey(key, password, protection).Attributes.Add(keyId);
        contents.AddCertificate(caPublic);

        var builder = new Pkcs12Builder();
        builder.AddSafeContentsUnencrypted(contents);
        builder.SealWithMac(password, HashAlgorithmName.SHA1, 2048);
        return builder.Encode();
    }

    public void Dispose() => Certificate.Dispose();

    private X509Certificate2 Issue(string commonName, Oid usage, SubjectAlternativeNameBuilder san, DateTimeOffset notAfter, DateTimeOffset? notBefore = null, RSA? madeKey = null)
    {
        using var key = madeKey ?? NewKey();
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));

        var start = notBefore ?? _time.GetUtcNow().AddMinutes(-5);
        var caNotAfter = Certificate.NotAfter.ToUniversalTime();
        var end = notAfter > caNotAfter ? caNotAfter : notAfter;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(Certificate, start, end, serial);
        return issued.CopyWithPrivateKey(key);
    }
}
