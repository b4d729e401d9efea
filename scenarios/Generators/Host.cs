using System.Net;

namespace EStreamer.Scenarios.Generators;

/// <summary>A host of the simulated inside network.</summary>
internal sealed record Host(IPAddress Address, byte[] Mac, string Name);
