using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EStreamer.Emulator.Peers;
using EStreamer.Emulator.Tls;

namespace EStreamer.Emulator.Server;

/// <summary>
/// The data folder: CA, server certificate, peer database and the PKCS#12 files issued to peers.
/// Created on first use by any command; later runs reuse it, so a client's PKCS#12 stays valid.
/// </summary>
public sealed class EmulatorData : IDisposable
{
    private const string CaFile = "ca.pfx";
    private const string ServerFile = "server.pfx";
    private const string PeersFile = "peers.yaml";
    private const string ClientsFolder = "clients";

    // A key made while a new folder's CA and server keys were, for the first peer added (most often the default
    // peer `serve` adds at once): three RSA-2048 keys one after another were most of a first start's time.
    private Task<RSA>? _firstPeerKey;

    private EmulatorData(string directory, CertificateAuthority authority, X509Certificate2 serverCertificate, PeerDatabase peers, Task<RSA>? firstPeerKey)
    {
        Directory = directory;
        Authority = authority;
        ServerCertificate = serverCertificate;
        Peers = peers;
        _firstPeerKey = firstPeerKey;
    }

    public string Directory { get; }

    public CertificateAuthority Authority { get; }

    public X509Certificate2 ServerCertificate { get; }

    public PeerDatabase Peers { get; }

    /// <summary>The CA certificate alone, as clients that check the server would trust it.</summary>
    public string CaCertificatePath => Path.Combine(Directory, "ca.crt");

    /// <summary>Opens the folder, creating the CA, server certificate and empty peer database if missing.</summary>
    public static EmulatorData OpenOrCreate(string directory)
    {
        var full = Path.GetFullPath(directory);
        CreateOwnerOnlyDirectory(full);
        var caPath = Path.Combine(full, CaFile);
        var serverPath = Path.Combine(full, ServerFile);
        var newFolder = !File.Exists(caPath);

        // A new folder needs three keys (CA, server, first peer); the server's and the peer's are made on other
        // threads while this one makes the CA's, as each is a few hundred milliseconds of one core.
        var serverKey = File.Exists(serverPath) ? null : Task.Run(CertificateAuthority.NewKey);
        var firstPeerKey = newFolder ? Task.Run(CertificateAuthority.NewKey) : null;
        CertificateAuthority authority;
        if (!newFolder)
        {
            authority = new CertificateAuthority(X509CertificateLoader.LoadPkcs12FromFile(caPath, null, X509KeyStorageFlags.Exportable));
        }
        else
        {
            authority = CertificateAuthority.Create("EStreamer Emulator CA");
            WritePrivate(caPath, authority.Certificate.Export(X509ContentType.Pkcs12));
            File.WriteAllText(Path.Combine(full, "ca.crt"), authority.Certificate.ExportCertificatePem() + "\n");
        }

        X509Certificate2 server;
        if (serverKey is null)
        {
            server = X509CertificateLoader.LoadPkcs12FromFile(serverPath, null, X509KeyStorageFlags.Exportable);
        }
        else
        {
            server = authority.IssueServerCertificate([Environment.MachineName], [], serverKey.GetAwaiter().GetResult());
            WritePrivate(serverPath, server.Export(X509ContentType.Pkcs12));
        }

        var peers = PeerDatabase.Open(Path.Combine(full, PeersFile));
        return new EmulatorData(full, authority, server, peers, firstPeerKey);
    }

    /// <summary>
    /// Registers a client the way the management center's "create client" does: issues a certificate
    /// whose CN is the host, writes a password-protected PKCS#12 and records the peer.
    /// </summary>
    public Peer AddPeer(string host, string? password = null, string? outFile = null, DateTimeOffset? notAfter = null)
    {
        password ??= GeneratePassword();
        using var certificate = Authority.IssueClientCertificate(host, notAfter, key: TakeFirstPeerKey());
        var pkcs12 = Authority.ExportClientPkcs12(certificate, password);
        if (outFile is null)
        {
            CreateOwnerOnlyDirectory(Path.Combine(Directory, ClientsFolder));
        }

        var path = outFile is null ? Path.Combine(Directory, ClientsFolder, $"{SafeName(host)}.pkcs12") : Path.GetFullPath(outFile);
        WritePrivate(path, pkcs12);
        var peer = new Peer
        {
            Host = host,
            Thumbprint = PeerVerifier.ThumbprintOf(certificate),
            Serial = certificate.SerialNumber,
            Pkcs12File = path,
            Password = password,
            Created = DateTime.UtcNow,
            NotAfter = certificate.NotAfter.ToUniversalTime(),
        };
        Peers.Upsert(peer);
        return peer;
    }

    /// <summary>The default peer for 127.0.0.1 that `serve` creates once so a local client can connect.</summary>
    public Peer EnsureDefaultPeer(string password = "estreamer")
    {
        var host = IPAddress.Loopback.ToString();
        var existing = Peers.FindByHost(host);
        if (existing is not null && existing.Pkcs12File is { } file && File.Exists(file))
        {
            return existing;
        }

        return AddPeer(host, password);
    }

    public void Dispose()
    {
        TakeFirstPeerKey()?.Dispose();
        ServerCertificate.Dispose();
        Authority.Dispose();
    }

    /// <summary>The key made for the first peer, once; null after that (the peer's certificate makes its own).</summary>
    private RSA? TakeFirstPeerKey() => Interlocked.Exchange(ref _firstPeerKey, null)?.GetAwaiter().GetResult();

    private static string GeneratePassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();

    private static string SafeName(string host) => string.Concat(host.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_'));

    /// <summary>
    /// The data folder and its clients folder hold private keys and passwords: owner-only (0700). An existing
    /// folder is tightened only when it is the emulator's (it holds the CA), never a folder the user shared.
    /// </summary>
    private static void CreateOwnerOnlyDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
            return;
        }

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var existed = System.IO.Directory.Exists(path);
        System.IO.Directory.CreateDirectory(path, OwnerOnly);
        if (!existed || File.Exists(Path.Combine(path, CaFile)) || File.Exists(Path.Combine(Path.GetDirectoryName(path)!, CaFile)))
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }

    private static void WritePrivate(string path, byte[] bytes)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
