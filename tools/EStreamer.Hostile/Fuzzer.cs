using System.Buffers.Binary;
using System.Security.Cryptography.X509Certificates;
using EStreamer.Protocol.Messages;

namespace EStreamer.Hostile;

/// <summary>
/// Mutated client messages, each on a fresh authenticated TLS 1.2 session: bit flips, length, type and version
/// edits and cuts of valid requests, with a valid request behind so that an accepted message still gets an
/// answer. Every outcome must be one the disconnect rules allow: an Error then close, the session going on,
/// or (only when the bytes sent end inside a message) silence while the server waits for the rest.
/// </summary>
internal sealed class Fuzzer(Wire wire, X509Certificate2 certificate, Checks checks)
{
    // A stream that ends inside a message may rightly get silence, so a short wait tells; one made of whole
    // messages must be answered, so the wait is long (an answer normally comes in milliseconds).
    private static readonly TimeSpan ShortQuiet = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongQuiet = TimeSpan.FromSeconds(5);

    private static readonly byte[][] Valid =
    [
        MessageCodec.Encode(new EventStreamRequestMessage(0, RequestFlags.EncoreDefault)),
        MessageCodec.Encode(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault & ~RequestFlags.ExtendedRequest)),
        MessageCodec.Encode(new NullMessage()),
    ];

    private static readonly byte[] Probe = Valid[0];

    public async Task RunAsync(int frames, int seed, int parallel)
    {
        var (failures, hugeFailures) = (0, 0);
        var next = -1;
        var workers = Enumerable.Range(0, parallel).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < frames)
            {
                // One generator per frame: the frame depends on the seed and its index, not on scheduling.
                var (name, bytes) = Mutate(new Random(HashCode.Combine(seed, index)));
                if (!await OneAsync(name, bytes).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref IsHuge(bytes) ? ref hugeFailures : ref failures);
                }
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
        checks.Check("fuzz: every frame with a length under 2^31 gets an outcome the disconnect rules allow", failures == 0, $"{frames} mutated frames, {failures} with an outcome the rules forbid");
        checks.Check("fuzz: every frame with a length of 2^31 or more gets an Error then the close", hugeFailures == 0, $"{hugeFailures} did not");
    }

    private async Task<bool> OneAsync(string mutation, byte[] frame)
    {
        using var setup = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        System.Net.Security.SslStream tls;
        try
        {
            tls = await wire.TlsAsync(certificate, setup.Token).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
        {
            checks.Count("fuzz: FAIL tls-handshake-failed");
            return false;
        }

        await using (tls.ConfigureAwait(false))
        {
            Outcome outcome;
            var sent = frame.Concat(Probe).ToArray();
            var endsInside = EndsInsideMessage(sent);
            try
            {
                await tls.WriteAsync(sent).ConfigureAwait(false);
                await tls.FlushAsync().ConfigureAwait(false);
                outcome = await Wire.OutcomeAsync(tls, endsInside ? ShortQuiet : LongQuiet).ConfigureAwait(false);
            }
            catch (IOException)
            {
                outcome = Outcome.SilentClose;
            }

            // Silence is allowed only while the declared length runs past what was sent (the server waits for the rest).
            var allowed = outcome switch
            {
                Outcome.ErrorThenClose or Outcome.Continued => true,
                Outcome.Quiet => endsInside,
                _ => false,
            };

            // Lengths of 2^31 and more are named apart: the pipeline's answer to them is being fixed on its own.
            var huge = IsHuge(frame) ? ", length >= 2^31" : string.Empty;
            checks.Count($"fuzz: {(allowed ? string.Empty : "FAIL ")}{Name(outcome)} ({mutation}{huge})");
            return allowed;
        }
    }

    private static (string Name, byte[] Bytes) Mutate(Random random)
    {
        var bytes = (byte[])Valid[random.Next(Valid.Length)].Clone();
        switch (random.Next(5))
        {
            case 0:
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    var bit = random.Next(bytes.Length * 8);
                    bytes[bit / 8] ^= (byte)(1 << (bit % 8));
                }

                return ("bit flips", bytes);
            case 1:
                uint[] lengths = [0, (uint)bytes.Length - 9, (uint)bytes.Length - 7, (uint)random.Next(1, 64), (uint)random.Next(65_536, 1 << 24), 0x8000_0000u | (uint)random.Next()];
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), lengths[random.Next(lengths.Length)]);
                return ("length edit", bytes);
            case 2:
                ushort[] types = [0, 1, 2, 3, 4, 5, 6, 7, 2049, 2050, 2051, 4002, (ushort)random.Next(ushort.MaxValue)];
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), types[random.Next(types.Length)]);
                return ("type edit", bytes);
            case 3:
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(0), (ushort)random.Next(ushort.MaxValue));
                return ("version edit", bytes);
            default:
                return ("cut", bytes[..random.Next(1, bytes.Length)]);
        }
    }

    private static bool IsHuge(byte[] frame) => frame.Length >= 8 && BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(4)) >= 0x8000_0000u;

    // True when the bytes, framed as the server frames them (8-byte header, then the length it declares), end inside a message.
    private static bool EndsInsideMessage(byte[] bytes)
    {
        long at = 0;
        while (at < bytes.Length)
        {
            if (at + 8 > bytes.Length)
            {
                return true;
            }

            at += 8L + BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)at + 4));
        }

        return at > bytes.Length;
    }

    public static string Name(Outcome outcome) => outcome switch
    {
        Outcome.ErrorThenClose => "error-then-close",
        Outcome.ErrorNoClose => "error-without-close",
        Outcome.SilentClose => "close-without-error",
        Outcome.Continued => "session-continued",
        _ => "quiet",
    };
}
