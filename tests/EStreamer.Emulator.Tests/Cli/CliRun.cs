using EStreamer.Emulator.Cli;

namespace EStreamer.Emulator.Tests.Cli;

/// <summary>The program run in-process with its own writers and environment variables (never the test process's).</summary>
internal static class CliRun
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(args, new CommandContext(output, error, environment)).WaitAsync(TimeSpan.FromSeconds(30));
        return (code, output.ToString(), error.ToString());
    }

    public static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        RunAsync(new Dictionary<string, string?>(), args);
}
