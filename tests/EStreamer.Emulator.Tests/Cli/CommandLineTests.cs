using System.Text.RegularExpressions;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;

namespace EStreamer.Emulator.Tests.Cli;

/// <summary>The program's commands as users type them: help, usage errors (exit 2), bad values, and real runs.</summary>
[Parallelizable(ParallelScope.All)] // every test runs the command line in-process with its own output and folder
public sealed partial class CommandLineTests
{
    /// <summary>Every serve option README.md and docs/ name; each must keep working.</summary>
    private static readonly string[] ServeOptions =
    [
        "config", "data-dir", "port", "bind", "keepalive", "rate", "history", "seed", "disable-families", "profile",
        "bundle-events", "log-level", "address-check", "scenario", "control-port", "control-bind", "control-token", "reports-kept", "journal-entries",
        "tls13", "max-connections", "partial-message-timeout", "journal-capacity", "window",
    ];

    [Test]
    public async Task Serve_help_lists_every_option_with_its_variable()
    {
        var (code, output, _) = await CliRun.RunAsync("serve", "--help");
        Assert.That(code, Is.Zero);
        using (Assert.EnterMultipleScope())
        {
            foreach (var option in ServeOptions)
            {
                var variable = "ESTREAMER_" + option.ToUpperInvariant().Replace('-', '_');
                Assert.That(output, Does.Match($@"--{option} <[^>]+>.*\[{variable}\]"), option);
            }
        }
    }

    [Test]
    public async Task Help_lists_every_command()
    {
        var (code, output, _) = await CliRun.RunAsync("help");
        Assert.That(code, Is.Zero);
        Assert.That(CommandNames().Matches(output).Select(m => m.Groups[1].Value), Is.SupersetOf(new[] { "serve", "peers", "scenario", "probe", "status", "bench" }));
    }

    [TestCase(new string[0], "Required command was not provided", TestName = "No_command_is_a_usage_error")]
    [TestCase(new[] { "launch" }, "unknown command 'launch'", TestName = "Unknown_command_is_a_usage_error")]
    [TestCase(new[] { "serve", "--prot", "1" }, "unknown option --prot", TestName = "Unknown_serve_option_is_a_usage_error")]
    [TestCase(new[] { "serve", "--port" }, "--port", TestName = "Option_without_its_value_is_a_usage_error")]
    [TestCase(new[] { "serve", "--port", "1", "--port", "2" }, "--port", TestName = "Option_given_twice_is_a_usage_error")]
    [TestCase(new[] { "serve", "--port=abc" }, "--port takes a whole number from 0 to 65535, not 'abc'", TestName = "Equals_form_is_read_and_checked")]
    [TestCase(new[] { "scenario", "list", "extra" }, "unexpected argument 'extra'", TestName = "Extra_argument_is_a_usage_error")]
    [TestCase(new[] { "peers" }, "Required command was not provided", TestName = "Peers_without_subcommand_is_a_usage_error")]
    [TestCase(new[] { "peers", "address-check", "maybe" }, "maybe", TestName = "Address_check_takes_on_or_off")]
    [TestCase(new[] { "scenario", "validate" }, "validate", TestName = "Validate_without_files_is_a_usage_error")]
    [TestCase(new[] { "scenario", "show", "no-such-example" }, "no shipped scenario 'no-such-example'", TestName = "Unknown_example_is_a_usage_error")]
    [TestCase(new[] { "bench", "rate", "--seconds", "0" }, "--seconds takes a number from 1 to 3600, not '0'", TestName = "Bench_seconds_out_of_range_is_a_usage_error")]
    [TestCase(new[] { "bench", "rate", "--rates", "10,fast" }, "--rates takes a number", TestName = "Bench_rates_must_be_numbers")]
    public async Task Usage_errors_exit_2_with_a_reason_and_a_hint(string[] args, string reason)
    {
        var (code, _, error) = await CliRun.RunAsync(args);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.StartWith("estreamer-emulator: ").And.Contain(reason));
            Assert.That(error, Does.Contain("--help"));
        }
    }

    [Test]
    public async Task Serve_reports_every_bad_value_with_its_source_and_exits_2()
    {
        var environment = new Dictionary<string, string?> { ["ESTREAMER_PROFILE"] = "encore99", ["ESTREAMER_RATE"] = "2" };
        var (code, output, error) = await CliRun.RunAsync(environment, "serve", "--port", "abc", "--rate", "-1", "--disable-families", "intrusion,dns");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Does.Not.Contain("ready on"));
            Assert.That(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SkipLast(1), Is.EqualTo(new[]
            {
                "estreamer-emulator: --port takes a whole number from 0 to 65535, not 'abc'",
                "estreamer-emulator: --rate takes a number from 0 to 1000000, not '-1'",
                "estreamer-emulator: --disable-families takes event families (intrusion, packet-data, extra-data, impact, discovery, correlation, connection, user-activity, malware, file), not 'dns'",
                "estreamer-emulator: ESTREAMER_PROFILE takes auto, encore38, encore52, not 'encore99'",
            }));
        }
    }

    [Test]
    public async Task Serve_refuses_history_the_journal_cannot_hold()
    {
        var (code, output, error) = await CliRun.RunAsync("serve", "--history", "300000", "--port", "0", "--control-port", "0");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Does.Not.Contain("ready on"));
            Assert.That(error, Does.Contain("--history asks for 300000 history events, more than the journal holds (200000); raise --journal-capacity"));
        }
    }

    [Test]
    public async Task Scenario_list_names_the_shipped_examples()
    {
        var (code, output, _) = await CliRun.RunAsync("scenario", "list");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.Zero);
            Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(ScenarioLoader.ExampleNames));
        }
    }

    [Test]
    public async Task Peers_add_list_revoke_and_remove_work_on_the_data_folder_from_the_environment()
    {
        var directory = TestFolders.NewPath();
        var environment = new Dictionary<string, string?> { ["ESTREAMER_DATA_DIR"] = directory };
        try
        {
            var added = await CliRun.RunAsync(environment, "peers", "add", "10.1.2.3", "--password", "secret");
            var revoked = await CliRun.RunAsync(environment, "peers", "revoke", "10.1.2.3");
            var listed = await CliRun.RunAsync(environment, "peers", "list");
            var checkOff = await CliRun.RunAsync(environment, "peers", "address-check", "off");
            var removed = await CliRun.RunAsync(environment, "peers", "remove", "10.1.2.3");
            var removedAgain = await CliRun.RunAsync(environment, "peers", "remove", "10.1.2.3", "--data-dir", directory);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(added.Code, Is.Zero);
                Assert.That(added.Output, Does.Contain("password:        secret"));
                Assert.That(File.Exists(Path.Combine(directory, "clients", "10.1.2.3.pkcs12")), Is.True);
                Assert.That(revoked.Code, Is.Zero);
                Assert.That(listed.Output, Does.Contain("10.1.2.3\trevoked"));
                Assert.That(checkOff.Output.Trim(), Is.EqualTo("address check off"));
                Assert.That(removed.Code, Is.Zero);
                Assert.That(removedAgain.Code, Is.EqualTo(1));
                Assert.That(removedAgain.Error.Trim(), Is.EqualTo("estreamer-emulator: error: no peer registered for 10.1.2.3"));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex(@"^\s{2}(\w+)\s", RegexOptions.Multiline)]
    private static partial Regex CommandNames();
}
