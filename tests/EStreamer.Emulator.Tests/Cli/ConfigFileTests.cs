using EStreamer.Emulator.Cli;
using EStreamer.Emulator.Cli.Configuration;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Tests.Cli;

/// <summary>`--config FILE`: option names as YAML keys, below the environment and flags, with located errors.</summary>
public sealed class ConfigFileTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    private string _path = null!;

    [SetUp]
    public void TempFile() => _path = Path.Combine(Path.GetTempPath(), $"estreamer-config-{Guid.NewGuid():N}.yaml");

    [TearDown]
    public void Remove() => File.Delete(_path);

    [Test]
    public void Flags_win_over_the_environment_which_wins_over_the_file_which_wins_over_the_defaults()
    {
        File.WriteAllText(_path, "port: 18302\nbundle-events: 7\nkeepalive: 5\nprofile: encore38\n");
        var environment = new Dictionary<string, string?>
        {
            ["ESTREAMER_CONFIG"] = _path,
            ["ESTREAMER_PORT"] = "17302",
            ["ESTREAMER_BUNDLE_EVENTS"] = "9",
        };
        var settings = OptionsBinder.Bind(new Dictionary<string, string> { ["port"] = "19302" }, environment);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(settings.Server.Port, Is.EqualTo(19302), "the flag wins over the variable and the file");
            Assert.That(settings.Server.BundleMaxEvents, Is.EqualTo(9), "the variable wins over the file");
            Assert.That(settings.Server.KeepaliveInterval, Is.EqualTo(TimeSpan.FromSeconds(5)), "the file fills what neither gives");
            Assert.That(settings.Server.DefaultProfile, Is.EqualTo(ClientProfile.Encore38));
            Assert.That(settings.Server.HistoryEvents, Is.EqualTo(120), "what nobody gives keeps the default");
            Assert.That(settings.EnabledControl!.Port, Is.EqualTo(8303));
        }
    }

    [Test]
    public void The_config_flag_wins_over_ESTREAMER_CONFIG()
    {
        File.WriteAllText(_path, "port: 18302\n");
        var environment = new Dictionary<string, string?> { ["ESTREAMER_CONFIG"] = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.yaml") };
        var settings = OptionsBinder.Bind(new Dictionary<string, string> { ["config"] = _path }, environment);
        Assert.That(settings.Server.Port, Is.EqualTo(18302));
    }

    [TestCase("port: 1\nprot: 2\n", "2:1: unknown option 'prot'")]
    [TestCase("port: [1, 2]\n", "1:7: 'port' takes a single value")]
    [TestCase("- port\n", "1:1: expected a mapping")]
    [TestCase("port: 1\n  bind: x\n", "not valid YAML")]
    public void Broken_config_file_is_refused_with_path_line_and_column(string yaml, string expected)
    {
        File.WriteAllText(_path, yaml);
        var error = Assert.Throws<ConfigFileException>(() => OptionsBinder.Bind(new Dictionary<string, string> { ["config"] = _path }, NoEnvironment));
        Assert.That(error!.Message, Does.StartWith(_path + ":").And.Contain(expected));
    }

    [Test]
    public void Every_unknown_key_is_reported_at_its_place()
    {
        File.WriteAllText(_path, "prot: 1\nrate: 2\nbnd: x\n");
        var error = Assert.Throws<ConfigFileException>(() => OptionsBinder.Bind(new Dictionary<string, string> { ["config"] = _path }, NoEnvironment));
        Assert.That(error!.Message.Split(Environment.NewLine), Is.EqualTo(new[]
        {
            $"{_path}:1:1: unknown option 'prot'; expected one of: {string.Join(", ", OptionsBinder.ServeNames.Order(StringComparer.Ordinal))}",
            $"{_path}:3:1: unknown option 'bnd'; expected one of: {string.Join(", ", OptionsBinder.ServeNames.Order(StringComparer.Ordinal))}",
        }));
    }

    [Test]
    public void A_bad_value_in_the_file_is_reported_at_its_line_and_column()
    {
        File.WriteAllText(_path, "rate: 2\nport:   abc\nprofile: encore99\n");
        var error = Assert.Throws<InvalidOptionsException>(() => OptionsBinder.Bind(new Dictionary<string, string> { ["config"] = _path }, NoEnvironment));
        Assert.That(error!.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            $"{_path}:2:9: port takes a whole number from 0 to 65535, not 'abc'",
            $"{_path}:3:10: profile takes auto, encore38, encore52, not 'encore99'",
        }));
    }

    [Test]
    public async Task Serve_with_a_broken_config_exits_1_before_opening_a_port()
    {
        File.WriteAllText(_path, "prot: 8302\n");
        var (code, _, error) = await CliRun.RunAsync("serve", "--config", _path);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error, Does.StartWith($"{_path}:1:1: unknown option 'prot'"));
            Assert.That(error, Does.Contain("estreamer-emulator: error: the config file has an error; not starting"));
        }
    }

    [Test]
    public async Task Serve_with_a_bad_value_in_the_config_exits_2_naming_its_place()
    {
        File.WriteAllText(_path, "journal-entries: 0\n");
        var (code, _, error) = await CliRun.RunAsync(new Dictionary<string, string?> { ["ESTREAMER_CONFIG"] = _path }, "serve");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.StartWith($"{_path}:1:18: journal-entries takes a whole number from 1 to 10000000, not '0'"));
        }
    }

    [Test]
    public void A_config_nested_past_the_limit_is_refused_at_its_place()
    {
        File.WriteAllText(_path, "port: " + new string('[', 60_000) + new string(']', 60_000) + "\n");
        var error = Assert.Throws<ConfigFileException>(() => OptionsBinder.Bind(new Dictionary<string, string> { ["config"] = _path }, NoEnvironment));
        Assert.That(error!.Message, Is.EqualTo($"{_path}:1:14: nesting deeper than 8"));
    }
}
