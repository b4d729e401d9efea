using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EStreamer.Emulator.Tls;

namespace EStreamer.Emulator.Peers;

/// <summary>
/// Post-connect verification (reference 1.4): the certificate must be one this CA issued and still
/// valid, belong to an enabled, non-revoked peer of the database, and (unless switched off for the peer
/// or globally) the connection's source address must be the host named in the certificate.
/// </summary>
public sealed class PeerVerifier
{
    private readonly PeerDatabase _database;
    private readonly X509Certificate2 _authority;
    private readonly TimeProvider _time;

    public PeerVerifier(PeerDatabase database, X509Certificate2 authority, TimeProvider? time = null)
    {
        _database = database;
        _authority = authority;
        _time = time ?? TimeProvider.System;
    }

    public static string ThumbprintOf(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    public async Task<PeerCheckResult> VerifyAsync(X509Certificate2? certificate, IPAddress remote, CancellationToken cancellationToken = default)
    {
        var verdict = ClientCertificateCheck.Verify(certificate, _authority, _time.GetUtcNow());
        var subject = certificate?.Subject ?? "(none)";
        switch (verdict)
        {
            case CertificateVerdict.NoCertificate:
                return PeerCheckResult.Reject(PeerRejection.NoCertificate, "the client presented no certificate");
            case CertificateVerdict.WrongCa:
                return PeerCheckResult.Reject(PeerRejection.WrongCa, $"certificate '{subject}' is not signed by this emulator's CA");
            case CertificateVerdict.Expired:
                return PeerCheckResult.Reject(PeerRejection.Expired, $"certificate '{subject}' expired on {certificate!.NotAfter.ToUniversalTime():u}");
            case CertificateVerdict.NotYetValid:
                return PeerCheckResult.Reject(PeerRejection.NotYetValid, $"certificate '{subject}' is not valid before {certificate!.NotBefore.ToUniversalTime():u}");
            case CertificateVerdict.NotForClientAuthentication:
                return PeerCheckResult.Reject(PeerRejection.NotForClientAuthentication, $"certificate '{subject}' is not marked for client authentication");
        }

        var thumbprint = ThumbprintOf(certificate!);
        var peer = _database.FindByThumbprint(thumbprint);
        if (peer is null)
        {
            return PeerCheckResult.Reject(PeerRejection.UnknownCertificate, $"certificate '{subject}' (SHA-256 {thumbprint}) belongs to no registered peer");
        }

        if (peer.Revoked)
        {
            return PeerCheckResult.Reject(PeerRejection.Revoked, $"peer {peer.Host}: certificate was revoked", peer);
        }

        if (!peer.Enabled)
        {
            return PeerCheckResult.Reject(PeerRejection.Disabled, $"peer {peer.Host} is disabled", peer);
        }

        if (peer.CheckAddress ?? _database.CheckAddress)
        {
            var expected = await AddressesOfAsync(peer.Host, cancellationToken).ConfigureAwait(false);
            var source = Normalize(remote);
            if (!expected.Any(a => a.Equals(source)))
            {
                var shown = expected.Length == 0 ? "(unresolvable)" : string.Join(",", expected.Select(a => a.ToString()));
                return PeerCheckResult.Reject(
                    PeerRejection.AddressMismatch,
                    $"peer {peer.Host}: connection comes from {source} but the certificate names {peer.Host} ({shown})",
                    peer);
            }
        }

        return PeerCheckResult.Accept(peer);
    }

    private static async Task<IPAddress[]> AddressesOfAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return [Normalize(literal)];
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            return addresses.Select(Normalize).ToArray();
        }
        catch (System.Net.Sockets.SocketException)
        {
            return [];
        }
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
