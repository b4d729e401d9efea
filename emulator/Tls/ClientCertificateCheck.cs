using System.Security.Cryptography.X509Certificates;

namespace EStreamer.Emulator.Tls;

/// <summary>Why a client certificate was refused, or <see cref="Accepted"/>.</summary>
public enum CertificateVerdict
{
    Accepted,
    NoCertificate,
    WrongCa,
    Expired,
    NotYetValid,
    NotForClientAuthentication,
}

/// <summary>
/// The certificate half of client authentication as a pure function: chained to the emulator CA (the
/// client sends its leaf alone, so the CA is supplied as custom trust), within its validity and marked
/// for client authentication. Never throws.
/// </summary>
public static class ClientCertificateCheck
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    public static CertificateVerdict Verify(X509Certificate2? certificate, X509Certificate2 authority, DateTimeOffset now)
    {
        if (certificate is null)
        {
            return CertificateVerdict.NoCertificate;
        }

        try
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(authority);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = now.UtcDateTime;
            chain.ChainPolicy.VerificationTimeIgnored = false;
            var built = chain.Build(certificate);
            var anchoredHere = chain.ChainElements.Count > 0
                && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span);
            if (!anchoredHere)
            {
                return CertificateVerdict.WrongCa;
            }

            if (now.UtcDateTime > certificate.NotAfter.ToUniversalTime())
            {
                return CertificateVerdict.Expired;
            }

            if (now.UtcDateTime < certificate.NotBefore.ToUniversalTime())
            {
                return CertificateVerdict.NotYetValid;
            }

            if (!built)
            {
                return CertificateVerdict.WrongCa;
            }

            foreach (var extension in certificate.Extensions)
            {
                if (extension is X509EnhancedKeyUsageExtension usage)
                {
                    var clientAuth = false;
                    foreach (var oid in usage.EnhancedKeyUsages)
                    {
                        clientAuth |= oid.Value == ClientAuthOid;
                    }

                    if (!clientAuth)
                    {
                        return CertificateVerdict.NotForClientAuthentication;
                    }
                }
            }

            return CertificateVerdict.Accepted;
        }
        catch (Exception)
        {
            return CertificateVerdict.WrongCa;
        }
    }
}
