using System.Net;
using EStreamer.Protocol.Framing;

namespace EStreamer.Scenarios.Model;

/// <summary>A host of the simulated inside network that generated events talk about, for host data requests.</summary>
public sealed record ScenarioHost(IPAddress Address, EquatableArray<byte> MacAddress, string Name);
