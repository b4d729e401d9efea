using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using EStreamer.Emulator.Cli;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Tests.Cli;

/// <summary>
/// `probe` run in-process (standard output and error captured) against the real emulator on 127.0.0.1:
/// the success paths in both request modes, and one test per failure it must tell apart.
/// </summary>
public sealed class ProbeTests
{
    private const string NotAccepted =
        "estreamer-emulator: error: server closed the connection after the handshake without answering: client certificate not accepted (unknown peer, revoked, or source address does not match the certificate)";

    private RunningEmulator _emulator = null!;
    private string _scratch = null!;

    [OneTimeSetUp]
    public async Task StartEmulator()
    {
        _emulator = await BuiltInHistory.StartAsync(seed: 11, events: 200);
        _scratch = Path.Combine(Path.GetTempPath(), "estreamer-probe-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_scratch);
    }

    [OneTimeTearDown]
    public async Task StopEmulator()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    [Test]
    public async Task Extended_probe_prints_exactly_count_records_as_json_lines_and_reports_the_tls_session()
    {
        var run = await ProbeAsync("--count", "25", "--extended");

        var lines = run.Lines;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Status, Is.Zero, run.Error);
            Assert.That(lines, Has.Count.EqualTo(25));
            Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("headerKind").GetString()), Is.All.EqualTo("extended"));
            Assert.That(run.Error, Does.Contain("probe: TLS: TLS 1.2"));
            Assert.That(run.Error, Does.Contain($"probe: server certificate SHA-256: {Fingerprint(_emulator.Data.ServerCertificate.GetCertHash(HashAlgorithmName.SHA256))}"));
            Assert.That(run.Error, Does.Contain($"probe: server certificate subject: {_emulator.Data.ServerCertificate.Subject}"));
            Assert.That(run.Error, Does.Contain("chains to the PKCS#12's CA"));
            Assert.That(run.Error, Does.Contain("probe: client certificate accepted"));
            Assert.That(run.Error, Does.Contain("flags 0x48900061"), "all families extended is eNcore's own request");
            Assert.That(run.Error, Does.Contain("probe: done: 25 records"));
        }
    }

    [Test]
    public async Task Plain_probe_gets_event_data_messages_for_the_families_with_flag_bits()
    {
        var run = await ProbeAsync("--count", "12");

        var types = run.Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("recordType").GetUInt32()).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Status, Is.Zero, run.Error);
            Assert.That(types, Has.Length.EqualTo(12));
            Assert.That(types.Where(t => RecordFamilies.FamilyOf((RecordType)t) != EventFamily.Metadata), Is.Not.Empty, "the flag bits name event families, which are streamed too");
            Assert.That(types, Does.Not.Contain(400u).And.Not.Contain(112u), "flags alone get the legacy forms, not records 400 or 112");
            Assert.That(run.Error, Does.Contain("not requested: malware, file"));
            Assert.That(run.Error, Does.Contain("bundles: 0, event data messages: 12"));
        }
    }

    [Test]
    public async Task Families_limit_the_request_and_records_come_out_with_their_fields()
    {
        var run = await ProbeAsync("--count", "5", "--extended", "--families", "intrusion");

        Assert.That(run.Status, Is.Zero, run.Error);
        var records = run.Lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        var first = records[0].GetProperty("record");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(records.Select(r => r.GetProperty("recordTypeName").GetString()), Is.All.EqualTo("IntrusionEvent"), "no metadata was asked for");
            Assert.That(records.Select(r => r.GetProperty("archiveTimestamp").GetUInt32()), Is.All.Positive, "events carry the time the server stored them (bit 23)");
            Assert.That(first.GetProperty("blockType").GetUInt32(), Is.EqualTo(85u), "intrusion v11");
            Assert.That(IPAddress.TryParse(first.GetProperty("sourceIp").GetString(), out _), Is.True);
            Assert.That(run.Error, Does.Contain("probe: streaming request: intrusion v11"));
        }
    }

    [Test]
    public async Task Count_zero_only_checks_the_connection()
    {
        var run = await ProbeAsync("--count", "0", "--extended");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Status, Is.Zero, run.Error);
            Assert.That(run.Output, Is.Empty);
            Assert.That(run.Error, Does.Contain("client certificate accepted"));
        }
    }

    [Test]
    public async Task Wrong_password_fails_before_connecting()
    {
        var run = await ProbeWithAsync(_emulator.Peer.Pkcs12File!, "not-the-password", "--count", "1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Status, Is.EqualTo(1));
            Assert.That(run.Error.TrimEnd(), Is.EqualTo($"estreamer-emulator: error: cannot read PKCS#12 {_emulator.Peer.Pkcs12File}: wrong password"));
            Assert.That(run.Output, Is.Empty);
        }
    }

    [Test]
    public async Task Certificate_of_the_right_ca_for_an_unregistered_host_is_not_accepted()
    {
        _emulator.ExpectError("unknown-certificate");
        var file = Path.Combine(_scratch, "unregistered.pkcs12");
        using (var certificate = _emulator.Data.Authority.IssueClientCertificate("127.0.0.9"))
        {
            await File.WriteAllBytesAsync(file, _emulator.Data.Authority.ExportClientPkcs12(certificate, "secret"));
        }

        var run = await ProbeWithAsync(file, "secret", "--count", "1", "--extended");

        AssertRefused(run);
        await _emulator.Logs.WaitForLineAsync(TestClient.DefaultTimeout, "refused (unknown-certificate)");
    }

    [Test]
    public async Task Registered_peer_connecting_from_another_address_is_not_accepted()
    {
        _emulator.ExpectError("address-mismatch");
        var file = Path.Combine(_scratch, "other-address.pkcs12");
        _emulator.Data.AddPeer("127.0.0.2", "secret", file);

        var run = await ProbeWithAsync(file, "secret", "--count", "1");

        AssertRefused(run);
        await _emulator.Logs.WaitForLineAsync(TestClient.DefaultTimeout, "refused (address-mismatch)");
    }

    [Test]
    public async Task Nothing_listening_is_reported_as_connection_refused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = await RunAsync("--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--pkcs12", _emulator.Peer.Pkcs12File!, "--password", RunningEmulator.PeerPassword);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Status, Is.EqualTo(1));
            Assert.That(LastLine(run.Error), Is.EqualTo($"estreamer-emulator: error: connection refused by 127.0.0.1:{port}"));
        }
    }

    [Test]
    public async Task Server_that_does_not_speak_tls_fails_the_handshake()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            await socket.GetStream().WriteAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray());
        });

        var run = await RunAsync("--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--pkcs12", _emulator.Peer.Pkcs12File!, "--password", RunningEmulator.PeerPassword);
        await server.WaitAsync(TestClient.DefaultTimeout);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Status, Is.EqualTo(1));
            Assert.That(LastLine(run.Error), Does.StartWith("estreamer-emulator: error: TLS handshake failed: "));
            Assert.That(run.Error.TrimEnd().Split('\n').Count(l => l.StartsWith("estreamer-emulator:", StringComparison.Ordinal)), Is.EqualTo(1), "one line names the failure");
        }
    }

    [Test]
    public async Task Silence_after_the_request_is_a_timeout()
    {
        // Nothing is generated live in this fixture, so "now" has nothing to send.
        var run = await ProbeAsync("--count", "1", "--extended", "--start", "now", "--timeout", "0.5");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Status, Is.EqualTo(1));
            Assert.That(LastLine(run.Error), Does.StartWith("estreamer-emulator: error: timed out waiting for records"));
        }
    }

    [TestCase(new[] { "--port", "8302", "--pkcs12", "x.p12", "--password", "p" }, "probe needs --host", TestName = "Missing_host_is_a_usage_error")]
    [TestCase(new[] { "--host", "h", "--port", "0", "--pkcs12", "x.p12", "--password", "p" }, "--port takes a whole number", TestName = "Port_zero_is_a_usage_error")]
    [TestCase(new[] { "--host", "h", "--port", "8302", "--pkcs12", "x.p12" }, "probe needs --password", TestName = "Missing_password_is_a_usage_error")]
    [TestCase(new[] { "--host", "h", "--port", "8302", "--pkcs12", "x.p12", "--password", "p", "--families", "dns" }, "unknown event family 'dns'", TestName = "Unknown_family_is_a_usage_error")]
    [TestCase(new[] { "--host", "h", "--port", "8302", "--pkcs12", "x.p12", "--password", "p", "--families", "file" }, "only be asked for with --extended", TestName = "File_events_without_extended_is_a_usage_error")]
    [TestCase(new[] { "--host", "h", "--port", "8302", "--pkcs12", "x.p12", "--password", "p", "--start", "yesterday" }, "--start takes oldest, now", TestName = "Bad_start_is_a_usage_error")]
    [TestCase(new[] { "--host", "h", "--port", "8302", "--pkcs12", "x.p12", "--password", "p", "--verbose", "yes" }, "unknown option --verbose", TestName = "Unknown_option_is_a_usage_error")]
    public async Task Usage_errors_exit_with_status_2(string[] args, string message)
    {
        var run = await RunAsync(args);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Status, Is.EqualTo(2));
            Assert.That(run.Error, Does.Contain(message));
            Assert.That(run.Output, Is.Empty);
        }
    }

    [Test]
    public async Task Program_dispatches_probe_and_knows_its_switch()
    {
        // --extended last must not swallow a value; a missing --pkcs12 then makes it a usage error.
        var status = await Program.Main(["probe", "--host", "127.0.0.1", "--port", "8302", "--password", "p", "--extended"]);

        Assert.That(status, Is.EqualTo(2));
    }

    private static void AssertRefused(ProbeRun run)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Status, Is.EqualTo(1));
            Assert.That(LastLine(run.Error), Is.EqualTo(NotAccepted));
            Assert.That(run.Error, Does.Contain("probe: TLS: TLS 1.2"), "the handshake itself succeeds");
            Assert.That(run.Output, Is.Empty);
        }
    }

    private static string LastLine(string text) => text.TrimEnd().Split('\n')[^1].TrimEnd('\r');

    private static string Fingerprint(byte[] hash) => string.Join(':', hash.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    private static async Task<ProbeRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var status = await ProbeCommand.RunAsync(args, output, error).WaitAsync(TimeSpan.FromSeconds(30));
        return new ProbeRun(status, output.ToString(), error.ToString());
    }

    private Task<ProbeRun> ProbeAsync(params string[] extra) => ProbeWithAsync(_emulator.Peer.Pkcs12File!, RunningEmulator.PeerPassword, extra);

    private Task<ProbeRun> ProbeWithAsync(string pkcs12, string password, params string[] extra) =>
        RunAsync(["--host", "127.0.0.1", "--port", _emulator.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--pkcs12", pkcs12, "--password", password, .. extra]);

    private sealed record ProbeRun(int Status, string Output, string Error)
    {
        public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
