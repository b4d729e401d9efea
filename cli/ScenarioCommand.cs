using System.CommandLine;
using EStreamer.Scenarios;

namespace EStreamer.Emulator.Cli;

/// <summary>`scenario validate|list|show`: check scenario files and look at the shipped examples.</summary>
public static class ScenarioCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("scenario", "check scenario files and look at the shipped examples");

        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "scenario files" };
        var validate = new Command("validate", "check scenario files; each error printed as FILE:LINE:COL: message") { files };
        validate.SetAction(parse => Validate(context, parse.GetValue(files)!));
        command.Add(validate);

        var list = new Command("list", "the shipped example scenarios");
        list.SetAction(_ =>
        {
            foreach (var name in ScenarioLoader.ExampleNames)
            {
                context.Output.WriteLine(name);
            }

            return 0;
        });
        command.Add(list);

        var name = new Argument<string>("NAME") { Description = "a shipped example's name (scenario list)" };
        var show = new Command("show", "print a shipped example (a starting point for your own)") { name };
        show.SetAction(parse =>
        {
            var example = parse.GetValue(name)!;
            if (!ScenarioLoader.ExampleNames.Contains(example))
            {
                throw new UsageException($"no shipped scenario '{example}'; shipped: {string.Join(", ", ScenarioLoader.ExampleNames)}");
            }

            context.Output.Write(ScenarioLoader.ExampleText(example));
            return 0;
        });
        command.Add(show);
        return command;
    }

    private static int Validate(CommandContext context, IEnumerable<string> files)
    {
        var failed = 0;
        foreach (var file in files)
        {
            try
            {
                var scenario = ScenarioLoader.LoadFile(file);
                context.Output.WriteLine($"{file}: ok ({scenario.Name})");
            }
            catch (ScenarioException invalid)
            {
                failed++;
                foreach (var error in invalid.Errors)
                {
                    context.Output.WriteLine(error);
                }
            }
        }

        return failed == 0 ? 0 : 1;
    }
}
