using DotNetty.Buffers;

namespace EStreamer.Emulator.Sessions;

/// <summary>The events a batch of items carries: the first and last sequence and the newest archive timestamp.</summary>
internal readonly record struct SentSpan(long? First, long? Last, uint LastArchive);

/// <summary>
/// A bundle's bytes and what it carries, from the moment the session pump builds it until it is written: its
/// sequence number and the session's figures are set then, so a bundle built ahead of the client's Null counts
/// only once it leaves.
/// </summary>
internal sealed record ReadyBundle(IByteBuffer Buffer, int Items, SentSpan Span);
