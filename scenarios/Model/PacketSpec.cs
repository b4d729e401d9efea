namespace EStreamer.Scenarios.Model;

/// <summary>
/// The packet (record 2) of a timeline intrusion event. With <see cref="Bytes"/> the packet is exactly those
/// bytes from the Ethernet header on; otherwise Ethernet, IP and TCP/UDP headers are built from the event's
/// addresses and ports, followed by <see cref="Payload"/> (or a generated one).
/// </summary>
internal sealed record PacketSpec(byte[]? Bytes, byte[]? Payload);
