namespace EStreamer.Protocol.Negotiation;

/// <summary>
/// The client generations whose decoders disagree on records the version numbers do not tell apart:
/// users 98 and 92–94 (reference 5.6.9).
/// </summary>
public enum ClientProfile
{
    /// <summary>Decide from the request (reference 5.6.9's recommended rule).</summary>
    Auto = 0,

    /// <summary>eNcore 3.8 and older: record 98 without block header and NUL-terminated; 92 in S1:120, 93/94 in S1:167.</summary>
    Encore38,

    /// <summary>eNcore 5.2 and newer: record 98 in series-2 block 57; 92–94 in the user information block.</summary>
    Encore52,

    /// <summary>
    /// A client that sends no 2049 (the legacy Perl SDK, eNcore with extended requests off): the legacy
    /// layouts its flag bits name, and record 98 in the guide's name-length form. Detected, never named
    /// by an operator: a peer pinned to an eNcore profile keeps that profile's forms.
    /// </summary>
    FlagOnly,
}

public static class ClientProfiles
{
    /// <summary>The names operators write: auto, encore38 (or 3.8), encore52 (or 5.2).</summary>
    public static readonly IReadOnlyList<string> Names = ["auto", "encore38", "encore52"];

    /// <summary>Reads a profile name, any case; "3.8" and "5.2" name the eNcore generations too.</summary>
    public static bool TryParse(string? text, out ClientProfile profile)
    {
        ClientProfile? named = text?.Trim().ToLowerInvariant() switch
        {
            "auto" => ClientProfile.Auto,
            "encore38" or "3.8" => ClientProfile.Encore38,
            "encore52" or "5.2" => ClientProfile.Encore52,
            _ => null,
        };
        profile = named ?? ClientProfile.Auto;
        return named is not null;
    }

    /// <summary>How sessions, logs and reports name a profile: "flag-only", else the enum name (Encore52).</summary>
    public static string Label(ClientProfile profile) => profile == ClientProfile.FlagOnly ? "flag-only" : profile.ToString();

    /// <summary>
    /// Reference 5.6.9: a 2049 asking intrusion ≥ 10, connection ≥ 16, malware ≥ 8 or file ≥ 7 is the 5.2
    /// profile, any other 2049 the 3.8 profile; a client that sends no 2049 is flag-only, and gets record 98
    /// in the form the guide documents for it (docs/protocol-coverage.md).
    /// </summary>
    public static ClientProfile Detect(RequestedVersions requested, bool sentStreamingRequest)
    {
        if (!sentStreamingRequest)
        {
            return ClientProfile.FlagOnly;
        }

        var newer = requested.VersionOf(EventFamily.Intrusion) >= 10
            || requested.VersionOf(EventFamily.Connection) >= 16
            || requested.VersionOf(EventFamily.Malware) >= 8
            || requested.VersionOf(EventFamily.File) >= 7;
        return newer ? ClientProfile.Encore52 : ClientProfile.Encore38;
    }
}
