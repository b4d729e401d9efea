using System.Net;
using EStreamer.Emulator.Cli;
using EStreamer.Emulator.Control;

namespace EStreamer.Emulator.Tests.Cli;

/// <summary>serve's control API options: flags, ESTREAMER_* variables, the documented defaults and 0 for off.</summary>
[NonParallelizable]
public sealed class ControlOptionsBindingTests
{
    private static readonly string[] Variables = ["ESTREAMER_CONTROL_PORT", "ESTREAMER_CONTROL_BIND", "ESTREAMER_CONTROL_TOKEN", "ESTREAMER_JOURNAL_ENTRIES"];

    [SetUp]
    [TearDown]
    public void ClearVariables()
    {
        foreach (var variable in Variables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Test]
    public void Defaults_are_8303_on_loopback_without_a_token()
    {
        var options = Bind();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(options!.Port, Is.EqualTo(8303));
            Assert.That(options.BindAddress, Is.EqualTo(IPAddress.Loopback));
            Assert.That(options.Token, Is.Null);
            Assert.That(options.JournalEntries, Is.EqualTo(10_000));
        }
    }

    [Test]
    public void Flags_set_port_address_token_and_journal_size()
    {
        var options = Bind("--control-port", "9000", "--control-bind", "0.0.0.0", "--control-token", "t", "--journal-entries", "50");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(options!.Port, Is.EqualTo(9000));
            Assert.That(options.BindAddress, Is.EqualTo(IPAddress.Any));
            Assert.That(options.Token, Is.EqualTo("t"));
            Assert.That(options.JournalEntries, Is.EqualTo(50));
        }
    }

    [Test]
    public void Environment_variables_apply_and_flags_win_over_them()
    {
        Environment.SetEnvironmentVariable("ESTREAMER_CONTROL_PORT", "9100");
        Environment.SetEnvironmentVariable("ESTREAMER_CONTROL_TOKEN", "from-env");
        var fromEnvironment = Bind();
        var fromFlag = Bind("--control-port", "9200");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(fromEnvironment!.Port, Is.EqualTo(9100));
            Assert.That(fromEnvironment.Token, Is.EqualTo("from-env"));
            Assert.That(fromFlag!.Port, Is.EqualTo(9200));
        }
    }

    [Test]
    public void Port_0_turns_the_control_api_off() =>
        Assert.That(Bind("--control-port", "0"), Is.Null);

    [TestCase("--control-bind", "localhost", TestName = "Control_bind_takes_an_address_not_a_name")]
    [TestCase("--control-port", "70000", TestName = "Control_port_above_65535_is_a_usage_error")]
    [TestCase("--journal-entries", "0", TestName = "Journal_of_no_entries_is_a_usage_error")]
    public void Bad_values_are_usage_errors(string flag, string value) =>
        Assert.That(() => Bind(flag, value), Throws.TypeOf<UsageException>());

    private static ControlOptions? Bind(params string[] args)
    {
        var line = new CommandLine(["serve", .. args], new HashSet<string>());
        var options = OptionsBinder.BindControl(line);
        line.RejectUnknown();
        return options;
    }
}
