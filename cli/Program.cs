using System.CommandLine;
using EStreamer.Emulator.Cli.Configuration;

namespace EStreamer.Emulator.Cli;

/// <summary>
/// Command-line entry point. Exit status: 0 success, 2 usage error (including a bad option value), 1 failure
/// with a one-line reason.
/// </summary>
public static class Program
{
    private const string UsageHint = "run 'estreamer-emulator help' or 'estreamer-emulator COMMAND --help' for usage";

    public static Task<int> Main(string[] args)
    {
        // A serving process does not track buffer leaks: the tracking samples buffers and records stack traces
        // on the streaming path. The tests keep it on (at its strictest); the variable DotNetty reads turns it
        // back on here.
        if (args is ["serve", ..] && Environment.GetEnvironmentVariable("io.netty.leakDetection.level") is null)
        {
            DotNetty.Common.ResourceLeakDetector.Level = DotNetty.Common.ResourceLeakDetector.DetectionLevel.Disabled;
        }

        if (args is ["serve", ..])
        {
            ServingDefaults.Apply();
        }

        return RunAsync(args, new CommandContext(Console.Out, Console.Error, OptionLayers.ProcessEnvironment()));
    }

    /// <summary>The program in-process: its arguments, writers and environment variables in, exit status out.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandContext context, CancellationToken cancellation = default)
    {
        var root = CreateRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            if (args.Count == 0)
            {
                await root.Parse(["--help"]).InvokeAsync(Invocation(context), cancellation).ConfigureAwait(false);
            }

            return Usage(context, Describe(parse));
        }

        try
        {
            return await parse.InvokeAsync(Invocation(context), cancellation).ConfigureAwait(false);
        }
        catch (UsageException usage)
        {
            return Usage(context, usage.Message);
        }
        catch (InvalidOptionsException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                context.Error.WriteLine(error.InFile ? error.ToString() : $"estreamer-emulator: {error}");
            }

            context.Error.WriteLine(UsageHint);
            return 2;
        }
        catch (ConfigFileException invalid)
        {
            context.Error.WriteLine(invalid.Message);
            context.Error.WriteLine("estreamer-emulator: error: the config file has an error; not starting");
            return 1;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            context.Error.WriteLine($"estreamer-emulator: error: {failure.GetBaseException().Message}");
            return 1;
        }
    }

    public static RootCommand CreateRoot(CommandContext context)
    {
        var root = new RootCommand("estreamer-emulator: an eStreamer server for testing eStreamer clients")
        {
            ServeCommand.Create(context),
            PeersCommand.Create(context),
            ScenarioCommand.Create(context),
            ProbeCommandLine.Create(context),
            StatusCommand.Create(context),
            BenchCommand.Create(context),
        };
        var help = new Command("help", "this help");
        help.SetAction((_, cancellation) => root.Parse(["--help"]).InvokeAsync(Invocation(context), cancellation));
        root.Add(help);
        return root;
    }

    private static InvocationConfiguration Invocation(CommandContext context) => new()
    {
        Output = context.Output,
        Error = context.Error,

        // Errors are reported here with the program's exit statuses, and `serve`'s host owns SIGINT and SIGTERM.
        EnableDefaultExceptionHandler = false,
        ProcessTerminationTimeout = null,
    };

    /// <summary>The parser's first complaint, in the program's own words for a word it does not know.</summary>
    private static string Describe(ParseResult parse) => parse.UnmatchedTokens.FirstOrDefault() switch
    {
        { } option when option.StartsWith('-') => $"unknown option {option}",
        { } word when parse.CommandResult.Command.Subcommands.Count > 0 => $"unknown command '{word}' for '{parse.CommandResult.Command.Name}'",
        { } word => $"unexpected argument '{word}'",
        null => parse.Errors[0].Message,
    };

    private static int Usage(CommandContext context, string message)
    {
        context.Error.WriteLine($"estreamer-emulator: {message}");
        context.Error.WriteLine(UsageHint);
        return 2;
    }
}
