namespace EStreamer.Emulator.Peers;

/// <summary>
/// One registered client, as the management center's eStreamer client list holds it: the host or
/// address typed when it was created (the certificate CN), the certificate issued for it, and switches.
/// </summary>
public sealed class Peer
{
    public string Host { get; set; } = string.Empty;

    /// <summary>SHA-256 thumbprint (hex) of the client certificate issued for this peer.</summary>
    public string Thumbprint { get; set; } = string.Empty;

    public string Serial { get; set; } = string.Empty;

    public bool Enabled { get; set; } = true;

    public bool Revoked { get; set; }

    /// <summary>Per-peer override of the source-address check; null follows the database setting.</summary>
    public bool? CheckAddress { get; set; }

    /// <summary>Client profile override: auto, encore38 or encore52 (reference 5.6.9).</summary>
    public string Profile { get; set; } = "auto";

    /// <summary>Where the PKCS#12 was written, relative to the data folder when possible.</summary>
    public string? Pkcs12File { get; set; }

    /// <summary>The PKCS#12 password, kept so that the emulator can print it again; this is a test tool.</summary>
    public string? Password { get; set; }

    public DateTime Created { get; set; }

    public DateTime NotAfter { get; set; }
}
