using System.Net.Security;

namespace EStreamer.Emulator.Tls;

/// <summary>
/// A server-side <see cref="SslStream"/> that holds no read buffer while its connection is idle. The TLS stage
/// keeps a read pending on every connection; a plain SslStream rents its 32 KB frame buffer for that read and
/// keeps it until bytes arrive, which on thousands of idle sessions is most of their memory. Each read here first
/// waits with a zero-byte read, which SslStream serves without renting its buffer, and reads for real once the
/// transport has bytes (or SslStream still holds some from an earlier frame, when the wait returns at once).
/// </summary>
internal sealed class IdleLightSslStream : SslStream
{
    private IdleLightSslStream(ReadSignalStream transport, RemoteCertificateValidationCallback validation)
        : base(transport, leaveInnerStreamOpen: true, validation)
    {
    }

    /// <summary>An SslStream over <paramref name="transport"/>, which it leaves open when disposed.</summary>
    public static IdleLightSslStream Over(Stream transport, RemoteCertificateValidationCallback validation) =>
        new(new ReadSignalStream(transport), validation);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length > 0 && IsAuthenticated)
        {
            await base.ReadAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        }

        return await base.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }
}
