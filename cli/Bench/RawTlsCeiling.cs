using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace EStreamer.Emulator.Cli.Bench;

/// <summary>
/// The ceiling the emulator is compared with: <c>streams</c> SslStream writers and readers over 127.0.0.1, TLS 1.2
/// as eNcore speaks it, the server's own certificate, and no eStreamer work at all. Both ends run in this process.
/// </summary>
internal static class RawTlsCeiling
{
    private const int WriteSize = 16 * 1024;

    /// <summary>Moves <paramref name="totalBytes"/> split over <paramref name="streams"/> connections; returns bytes per second.</summary>
    public static async Task<double> MeasureAsync(X509Certificate2 serverCertificate, int streams, long totalBytes)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var perStream = totalBytes / streams;
        var pairs = new List<(SslStream Writer, SslStream Reader)>();
        try
        {
            for (var i = 0; i < streams; i++)
            {
                var client = new TcpClient();
                var accepting = listener.AcceptTcpClientAsync();
                await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                var accepted = await accepting.ConfigureAwait(false);
                var writer = new SslStream(accepted.GetStream(), leaveInnerStreamOpen: false);
                var reader = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
                await Task.WhenAll(
                    writer.AuthenticateAsServerAsync(serverCertificate, clientCertificateRequired: false, SslProtocols.Tls12, checkCertificateRevocation: false),
                    reader.AuthenticateAsClientAsync(string.Empty, null, SslProtocols.Tls12, checkCertificateRevocation: false)).ConfigureAwait(false);
                pairs.Add((writer, reader));
            }

            var watch = Stopwatch.StartNew();
            await Task.WhenAll(pairs.SelectMany(p => new[] { WriteAsync(p.Writer, perStream), ReadAsync(p.Reader, perStream) })).ConfigureAwait(false);
            return perStream * streams / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var (writer, reader) in pairs)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
                await reader.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteAsync(SslStream stream, long bytes)
    {
        var block = new byte[WriteSize];
        Random.Shared.NextBytes(block);
        for (long sent = 0; sent < bytes; sent += WriteSize)
        {
            await stream.WriteAsync(block.AsMemory(0, (int)Math.Min(WriteSize, bytes - sent))).ConfigureAwait(false);
        }

        await stream.FlushAsync().ConfigureAwait(false);
    }

    private static async Task ReadAsync(SslStream stream, long bytes)
    {
        var buffer = new byte[64 * 1024];
        for (long read = 0; read < bytes;)
        {
            var count = await stream.ReadAsync(buffer).ConfigureAwait(false);
            if (count == 0)
            {
                throw new IOException("the raw TLS writer closed early");
            }

            read += count;
        }
    }
}
