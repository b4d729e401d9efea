using System.Security.Cryptography.X509Certificates;

namespace EStreamer.Client;

/// <summary>
/// Whether a server certificate chains to given certificate authorities, trusting them alone (not the
/// system store) and without revocation checks: a management center's CA is private (reference 1.2).
/// </summary>
public static class ServerCertificateCheck
{
    /// <summary>True when the chain builds; otherwise <paramref name="problems"/> lists the chain status ("UntrustedRoot, ...").</summary>
    public static bool ChainsTo(X509Certificate2 server, IReadOnlyList<X509Certificate2> authorities, out string problems)
    {
        if (authorities.Count == 0)
        {
            problems = "no certificate authority to check against";
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities.ToArray());
        if (chain.Build(server))
        {
            problems = string.Empty;
            return true;
        }

        problems = string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct());
        return false;
    }
}
