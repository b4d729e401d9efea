using EStreamer.Emulator.Cli;

namespace EStreamer.Emulator.Tests.Cli;

/// <summary>`--config FILE`: option names as YAML keys, below flags, with located errors for a broken file.</summary>
public sealed class ConfigFileTests
{
    private string _path = null!;

    [SetUp]
    public void TempFile() => _path = Path.Combine(Path.GetTempPath(), $"estreamer-config-{Guid.NewGuid():N}.yaml");

    [TearDown]
    public void Remove() => File.Delete(_path);

    [Test]
    public void Config_values_apply_where_no_flag_is_given_and_flags_win()
    {
        File.WriteAllText(_path, "port: 18302\nbundle-events: 7\nkeepalive: 5\n");
        var line = new CommandLine(["serve", "--port", "19302"], new HashSet<string>());
        line.UseConfig(ConfigFile.Load(_path));
        var options = OptionsBinder.Bind(line);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(options.Port, Is.EqualTo(19302), "the flag wins");
            Assert.That(options.BundleMaxEvents, Is.EqualTo(7), "the file fills what no flag gives");
            Assert.That(options.KeepaliveInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
        }
    }

    [TestCase("port: 1\nprot: 2\n", "2:1: unknown option 'prot'")]
    [TestCase("port: [1, 2]\n", "1:7: 'port' takes a single value")]
    [TestCase("- port\n", "1:1: expected a mapping")]
    [TestCase("port: 1\n  bind: x\n", "not valid YAML")]
    public void Broken_config_file_is_refused_with_path_line_and_column(string yaml, string expected)
    {
        File.WriteAllText(_path, yaml);
        var error = Assert.Throws<ConfigFileException>(() => ConfigFile.Load(_path));
        Assert.That(error!.Message, Does.StartWith(_path + ":").And.Contain(expected));
    }

    [Test]
    public async Task Serve_with_a_broken_config_exits_1_before_opening_a_port()
    {
        File.WriteAllText(_path, "prot: 8302\n");
        var code = await Program.Main(["serve", "--config", _path]);
        Assert.That(code, Is.EqualTo(1));
    }
}
