using System.Net;
using EStreamer.Emulator.Cli;
using EStreamer.Emulator.Cli.Configuration;
using EStreamer.Emulator.Control;

namespace EStreamer.Emulator.Tests.Cli;

/// <summary>serve's control API options: flags, ESTREAMER_* variables, the documented defaults and 0 for off.</summary>
public sealed class ControlOptionsBindingTests
{
    [Test]
    public void Defaults_are_8303_on_loopback_without_a_token()
    {
        var options = Bind([]);
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
        var options = Bind([], "--control-port", "9000", "--control-bind", "0.0.0.0", "--control-token", "t", "--journal-entries", "50");
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
        var environment = new Dictionary<string, string?> { ["ESTREAMER_CONTROL_PORT"] = "9100", ["ESTREAMER_CONTROL_TOKEN"] = "from-env" };
        var fromEnvironment = Bind(environment);
        var fromFlag = Bind(environment, "--control-port", "9200");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(fromEnvironment!.Port, Is.EqualTo(9100));
            Assert.That(fromEnvironment.Token, Is.EqualTo("from-env"));
            Assert.That(fromFlag!.Port, Is.EqualTo(9200));
            Assert.That(fromFlag.Token, Is.EqualTo("from-env"));
        }
    }

    [Test]
    public void Port_0_turns_the_control_api_off() =>
        Assert.That(Bind([], "--control-port", "0"), Is.Null);

    [TestCase("--control-bind", "localhost", "--control-bind takes an IP address, not 'localhost'", TestName = "Control_bind_takes_an_address_not_a_name")]
    [TestCase("--control-port", "70000", "--control-port takes a whole number from 0 to 65535, not '70000'", TestName = "Control_port_above_65535_is_refused")]
    [TestCase("--journal-entries", "0", "--journal-entries takes a whole number from 1 to 10000000, not '0'", TestName = "Journal_of_no_entries_is_refused")]
    [TestCase("--control-port", "8302", "--control-port cannot be 8302: the eStreamer server and the control API would share that port", TestName = "Control_port_equal_to_the_estreamer_port_is_refused")]
    public void Bad_values_are_refused_naming_the_flag(string flag, string value, string message)
    {
        var error = Assert.Throws<InvalidOptionsException>(() => Bind([], flag, value));
        Assert.That(error!.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { message }));
    }

    [Test]
    public void A_bad_variable_is_refused_naming_the_variable()
    {
        var error = Assert.Throws<InvalidOptionsException>(() => Bind(new Dictionary<string, string?> { ["ESTREAMER_CONTROL_BIND"] = "nowhere" }));
        Assert.That(error!.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { "ESTREAMER_CONTROL_BIND takes an IP address, not 'nowhere'" }));
    }

    private static ControlOptions? Bind(Dictionary<string, string?> environment, params string[] args)
    {
        var flags = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i += 2)
        {
            flags[args[i].TrimStart('-')] = args[i + 1];
        }

        return OptionsBinder.Bind(flags, environment).EnabledControl;
    }
}
