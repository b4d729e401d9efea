namespace EStreamer.Emulator.Control;

/// <summary>A POST /faults body that does not describe a fault; <see cref="Key"/> is the JSON key at fault, if one.</summary>
public sealed class FaultBodyException(string? key, string message) : Exception(message)
{
    public string? Key { get; } = key;
}
