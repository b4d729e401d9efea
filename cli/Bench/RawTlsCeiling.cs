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

/// <summary>
/// The raw TLS ceiling as the throughput bench takes it: warm, and several transfers at a time. Measured cold, the
/// first transfer in a process ran about a third below the later ones (its TLS and socket code not yet tiered up),
/// while the servers it is set against are measured warm: a cold ceiling made every ratio look better than it was.
/// </summary>
internal sealed class CeilingMeter : IAsyncDisposable
{
    /// <summary>Bytes of one transfer.</summary>
    private const long TransferBytes = 1L << 30;

    /// <summary>Unmeasured transfers before the first measurement: the second still ran faster than the first.</summary>
    private const int WarmUps = 2;

    /// <summary>Transfers per measurement: a ratio is taken to their median, and their spread is printed beside it.</summary>
    private const int Runs = 3;

    private readonly string _directory;
    private readonly EStreamer.Emulator.Server.EmulatorData _data;

    private CeilingMeter(string directory, EStreamer.Emulator.Server.EmulatorData data)
    {
        _directory = directory;
        _data = data;
    }

    /// <summary>A meter with a certificate of its own, made as the server makes its own (in a folder removed on disposal).</summary>
    public static CeilingMeter Create()
    {
        var directory = BenchServer.NewFolderPath();
        return new CeilingMeter(directory, EStreamer.Emulator.Server.EmulatorData.OpenOrCreate(directory));
    }

    /// <summary>How each measurement is made, for the bench's first line.</summary>
    public static string Describe() => $"the median of {Runs} transfers of {TransferBytes >> 30} GiB, after {WarmUps} unmeasured at the start";

    public async Task WarmUpAsync(int streams)
    {
        for (var i = 0; i < WarmUps; i++)
        {
            await RawTlsCeiling.MeasureAsync(_data.ServerCertificate, streams, TransferBytes).ConfigureAwait(false);
        }
    }

    public async Task<Ceiling> MeasureAsync(int streams)
    {
        var runs = new double[Runs];
        for (var i = 0; i < runs.Length; i++)
        {
            runs[i] = await RawTlsCeiling.MeasureAsync(_data.ServerCertificate, streams, TransferBytes).ConfigureAwait(false);
        }

        return new Ceiling(runs);
    }

    public ValueTask DisposeAsync()
    {
        _data.Dispose();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Bytes per second of several raw TLS transfers: their median, printed with their spread.</summary>
internal sealed class Ceiling(double[] runs)
{
    public double Median { get; } = runs.Order().ElementAt(runs.Length / 2);

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Median / 1e6:0.0} ({runs.Min() / 1e6:0.0}-{runs.Max() / 1e6:0.0})");
}
