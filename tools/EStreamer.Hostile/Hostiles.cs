using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EStreamer.Protocol.Messages;

namespace EStreamer.Hostile;

/// <summary>
/// Hostile connections of every kind, each with the answer the server owes it. Kinds take turns, so any
/// count of connections covers every kind once it reaches <see cref="Kinds"/>' length.
/// </summary>
internal sealed class Hostiles(Wire wire, X509Certificate2 certificate, HttpClient control, Checks checks)
{
    /// <summary>A handshake that has not finished by then must have been dropped (the server's default is 10 s).</summary>
    private static readonly TimeSpan HandshakeDeadline = TimeSpan.FromSeconds(20);

    public static readonly string[] Kinds =
    [
        "no-certificate", "wrong-ca", "random-bytes", "slowloris-handshake", "silent-tcp", "garbage-after-tls",
        "over-long-length", "length-2^31", "truncated-then-eof", "null-flood", "half-open-session", "control-api",
    ];

    // Control requests go one at a time, so that each meets the limit it is aimed at rather than the concurrency limit.
    private readonly SemaphoreSlim _controlTurn = new(1);

    private static readonly string[] Owed =
    [
        "refused in or right after the handshake", "refused in or right after the handshake", "closed", "closed by the handshake timeout",
        "closed by the handshake timeout", "an Error then the close", "an Error then the close", "an Error then the close",
        "closed after the client's end", "the request answered, or an Error then the close", "no data without a request",
        "400/413 problem+json (429 while others run)",
    ];

    public async Task RunAsync(int connections, int seed)
    {
        using var wrongCa = SelfSigned();
        var results = await Task.WhenAll(Enumerable.Range(0, connections).Select(i => OneAsync(Kinds[i % Kinds.Length], new Random(HashCode.Combine(seed, i)), i, wrongCa))).ConfigureAwait(false);

        // One check per kind, so a failure names the rule that broke.
        foreach (var (kind, index) in Kinds.Select((k, i) => (k, i)))
        {
            var mine = results.Where((_, i) => i % Kinds.Length == index).ToArray();
            checks.Check($"hostile {kind}: {Owed[index]}", mine.Length > 0 && mine.All(r => r), $"{mine.Count(r => r)} of {mine.Length} connections");
        }
    }

    private async Task<bool> OneAsync(string kind, Random random, int index, X509Certificate2 wrongCa)
    {
        string result;
        bool allowed;
        try
        {
            (result, allowed) = kind switch
            {
                "no-certificate" => await RefusedAsync(null).ConfigureAwait(false),
                "wrong-ca" => await RefusedAsync(wrongCa).ConfigureAwait(false),
                "random-bytes" => await ClosedAfterAsync(Bytes(random, 512)).ConfigureAwait(false),
                "slowloris-handshake" => await SlowlorisAsync().ConfigureAwait(false),
                "silent-tcp" => await ClosedAfterAsync([]).ConfigureAwait(false),
                "garbage-after-tls" => await MustErrorAsync(Garbage(random)).ConfigureAwait(false),
                "over-long-length" => await MustErrorAsync(Wire.Frame(MessageType.EventStreamRequest, (uint)random.Next(1 << 20, 1 << 30), new byte[8])).ConfigureAwait(false),
                "length-2^31" => await MustErrorAsync(Wire.Frame(MessageType.EventStreamRequest, 0x8000_0000u | (uint)random.Next(), new byte[8])).ConfigureAwait(false),
                "truncated-then-eof" => await TruncatedAsync().ConfigureAwait(false),
                "null-flood" => await NullFloodAsync().ConfigureAwait(false),
                "half-open-session" => await HalfOpenAsync().ConfigureAwait(false),
                _ => await InTurnAsync(() => ControlAbuseAsync(index / Kinds.Length)).ConfigureAwait(false),
            };
        }
        catch (Exception failure) when (failure is IOException or SocketException or HttpRequestException or OperationCanceledException)
        {
            (result, allowed) = ($"client failed: {failure.GetType().Name}", false);
        }

        checks.Count($"hostile {kind}: {(allowed ? string.Empty : "FAIL ")}{result}");
        return allowed;
    }

    // A client the peer check refuses gets no eStreamer byte: the handshake fails or the connection ends.
    private async Task<(string, bool)> RefusedAsync(X509Certificate2? presented)
    {
        using var deadline = new CancellationTokenSource(HandshakeDeadline);
        System.Net.Security.SslStream tls;
        try
        {
            tls = await wire.TlsAsync(presented, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is IOException or System.Security.Authentication.AuthenticationException)
        {
            return ("refused in the handshake", true);
        }

        await using (tls.ConfigureAwait(false))
        {
            await tls.WriteAsync(MessageCodec.Encode(new EventStreamRequestMessage(0, RequestFlags.EncoreDefault)), deadline.Token).ConfigureAwait(false);
            var outcome = await Wire.OutcomeAsync(tls, Wire.CloseWait).ConfigureAwait(false);
            return outcome is Outcome.SilentClose ? ("closed after the handshake", true) : ($"{Fuzzer.Name(outcome)} instead of a close", false);
        }
    }

    // Not TLS at all: the server must drop the connection, at the latest when the handshake times out.
    private async Task<(string, bool)> ClosedAfterAsync(byte[] bytes)
    {
        using var socket = await wire.ConnectAsync().ConfigureAwait(false);
        if (bytes.Length > 0)
        {
            await socket.SendAsync(bytes).ConfigureAwait(false);
        }

        return await ClosedWithinAsync(socket, HandshakeDeadline).ConfigureAwait(false)
            ? ("closed", true)
            : ("still open after the handshake deadline", false);
    }

    // A ClientHello's record header and then a byte a second: the handshake timeout must end it.
    private async Task<(string, bool)> SlowlorisAsync()
    {
        using var socket = await wire.ConnectAsync().ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(HandshakeDeadline);
        byte[] hello = [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03];
        foreach (var b in hello)
        {
            try
            {
                await socket.SendAsync(new[] { b }, deadline.Token).ConfigureAwait(false);
                if (await ClosedWithinAsync(socket, TimeSpan.FromSeconds(1)).ConfigureAwait(false))
                {
                    return ("closed", true);
                }
            }
            catch (SocketException)
            {
                return ("closed", true);
            }
        }

        return await ClosedWithinAsync(socket, HandshakeDeadline).ConfigureAwait(false) ? ("closed", true) : ("still open after the handshake deadline", false);
    }

    // Authenticated, then bytes that are no valid message: an Error, then the close.
    private async Task<(string, bool)> MustErrorAsync(byte[] bytes)
    {
        await using var tls = await wire.TlsAsync(certificate, CancellationToken.None).ConfigureAwait(false);
        await tls.WriteAsync(bytes).ConfigureAwait(false);
        var outcome = await Wire.OutcomeAsync(tls, Wire.CloseWait).ConfigureAwait(false);
        return (Fuzzer.Name(outcome), outcome == Outcome.ErrorThenClose);
    }

    // Part of a message, then the client's end of the stream: the server must let the connection go.
    private async Task<(string, bool)> TruncatedAsync()
    {
        var socket = await wire.ConnectAsync().ConfigureAwait(false);
        await using var tls = new System.Net.Security.SslStream(new NetworkStream(socket, ownsSocket: true));
        await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
        {
            TargetHost = string.Empty,
            EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls12,
            ClientCertificates = [certificate],
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        }).ConfigureAwait(false);
        var request = MessageCodec.Encode(new EventStreamRequestMessage(0, RequestFlags.EncoreDefault));
        await tls.WriteAsync(request.AsMemory(0, request.Length - 3)).ConfigureAwait(false);
        await tls.ShutdownAsync().ConfigureAwait(false);
        socket.Shutdown(SocketShutdown.Send);
        var outcome = await Wire.OutcomeAsync(tls, HandshakeDeadline).ConfigureAwait(false);
        return (Fuzzer.Name(outcome), outcome is Outcome.ErrorThenClose or Outcome.SilentClose);
    }

    // Thousands of Nulls before any request, then a valid one: the session answers it or ends with an Error.
    private async Task<(string, bool)> NullFloodAsync()
    {
        await using var tls = await wire.TlsAsync(certificate, CancellationToken.None).ConfigureAwait(false);
        var nulls = MessageCodec.Encode(new NullMessage());
        var flood = Enumerable.Repeat(nulls, 20_000).SelectMany(n => n).Concat(MessageCodec.Encode(new EventStreamRequestMessage(0, RequestFlags.EncoreDefault))).ToArray();
        await tls.WriteAsync(flood).ConfigureAwait(false);
        var outcome = await Wire.OutcomeAsync(tls, HandshakeDeadline).ConfigureAwait(false);
        return (Fuzzer.Name(outcome), outcome is Outcome.ErrorThenClose or Outcome.Continued);
    }

    // An authenticated session that never sends a request: it may stay open (the request timeout is long) but must not get data.
    private async Task<(string, bool)> HalfOpenAsync()
    {
        await using var tls = await wire.TlsAsync(certificate, CancellationToken.None).ConfigureAwait(false);
        var outcome = await Wire.OutcomeAsync(tls, TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        return (Fuzzer.Name(outcome), outcome is Outcome.Quiet);
    }

    private async Task<(string, bool)> ControlAbuseAsync(int round)
    {
        var (name, path, content, expected) = (round % 5) switch
        {
            0 => ("nested YAML", "/scenario", Text("name: x\ntimeline: " + new string('[', 60_000) + new string(']', 60_000), "application/yaml"), HttpStatusCode.BadRequest),
            1 => ("40 MB body", "/events", (HttpContent)new ByteArrayContent(new byte[40 * 1024 * 1024]) { Headers = { ContentType = new MediaTypeHeaderValue("application/yaml") } }, HttpStatusCode.RequestEntityTooLarge),
            2 => ("bad JSON fault", "/faults", Text("{\"session\": 1e99, \"kind\":", "application/json"), HttpStatusCode.BadRequest),
            3 => ("bad session value", "/faults", Text("{\"session\": \"abc\", \"kind\": \"stall\", \"duration\": \"1s\"}", "application/json"), HttpStatusCode.BadRequest),
            _ => ("nested events", "/events", Text(string.Concat(Enumerable.Repeat("- ", 30_000)) + "x", "application/yaml"), HttpStatusCode.BadRequest),
        };
        using (content)
        {
            // Expect: 100-continue, as curl sends for large bodies: the server can refuse one it will not read before it is sent.
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            request.Headers.ExpectContinue = true;
            using var response = await control.SendAsync(request).ConfigureAwait(false);
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            var got = (int)response.StatusCode;

            // 429 is the concurrency limit doing its job while other abuse is in flight.
            var allowed = problem && (response.StatusCode == expected || got == 429);
            return ($"{name} -> {got}", allowed);
        }
    }

    private async Task<(string, bool)> InTurnAsync(Func<Task<(string, bool)>> request)
    {
        await _controlTurn.WaitAsync().ConfigureAwait(false);
        try
        {
            return await request().ConfigureAwait(false);
        }
        finally
        {
            _controlTurn.Release();
        }
    }

    private static async Task<bool> ClosedWithinAsync(Socket socket, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer, timeout.Token).ConfigureAwait(false) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private static StringContent Text(string text, string mediaType) => new(text, Encoding.UTF8, mediaType);

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    // Random bytes whose first header has a version no server speaks and a length under 2^31 (that case is a kind of its own).
    private static byte[] Garbage(Random random)
    {
        var bytes = Bytes(random, 64);
        bytes[0] = 0x7F;
        bytes[4] &= 0x7F;
        return bytes;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
