using System.Net;

namespace EStreamer.Emulator.Events;

/// <summary>A host the emulator can describe in answer to a host data request.</summary>
public sealed record HostProfile(IPAddress Address, byte[] MacAddress, byte Hops, uint LastSeen, string NetBiosName);
