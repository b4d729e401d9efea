using System.CommandLine;
using EStreamer.Emulator.Server;

namespace EStreamer.Emulator.Cli;

/// <summary>`peers add|list|revoke|remove|address-check`: the clients registered in the data folder.</summary>
public static class PeersCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("peers", "the clients registered in the data folder");

        var addHost = new Argument<string>("HOST") { Description = "the client's address, also its certificate's CN" };
        var password = CommandContext.Option("password", "P", "password of the PKCS#12 (a random one when left out)");
        var outFile = CommandContext.Option("out", "FILE", "where to write the PKCS#12 (default: in the data folder)");
        var add = Subcommand("add", "register a client and write its PKCS#12 (CN = HOST)", addHost, password, outFile);
        add.Command.SetAction(parse => Open(context, parse, add.Layered, data =>
        {
            var peer = data.AddPeer(parse.GetValue(addHost)!, parse.GetValue(password), parse.GetValue(outFile));
            context.Output.WriteLine($"peer {peer.Host} added");
            context.Output.WriteLine($"client PKCS#12:  {peer.Pkcs12File}");
            context.Output.WriteLine($"password:        {peer.Password}");
            return 0;
        }));

        var list = Subcommand("list", "the registered clients and the address check");
        list.Command.SetAction(parse => Open(context, parse, list.Layered, data =>
        {
            context.Output.WriteLine($"address check: {(data.Peers.CheckAddress ? "on" : "off")}");
            foreach (var peer in data.Peers.List())
            {
                var state = peer.Revoked ? "revoked" : peer.Enabled ? "enabled" : "disabled";
                context.Output.WriteLine($"{peer.Host}\t{state}\tserial {peer.Serial}\texpires {peer.NotAfter:yyyy-MM-dd}\t{peer.Pkcs12File}");
            }

            return 0;
        }));

        command.Add(add.Command);
        command.Add(list.Command);
        foreach (var (name, description, revoke) in new[] { ("revoke", "refuse a client's certificate from now on", true), ("remove", "forget a client", false) })
        {
            var host = new Argument<string>("HOST");
            var change = Subcommand(name, description, host);
            change.Command.SetAction(parse => Open(context, parse, change.Layered, data =>
            {
                var peerHost = parse.GetValue(host)!;
                var done = revoke ? data.Peers.Update(peerHost, p => p.Revoked = true) : data.Peers.Remove(peerHost);
                if (!done)
                {
                    context.Error.WriteLine($"estreamer-emulator: error: no peer registered for {peerHost}");
                    return 1;
                }

                context.Output.WriteLine($"peer {peerHost} {(revoke ? "revoked" : "removed")}");
                return 0;
            }));
            command.Add(change.Command);
        }

        var state = new Argument<string>("on|off");
        state.AcceptOnlyFromAmong("on", "off");
        var check = Subcommand("address-check", "compare the client's source address with its certificate (on by default)", state);
        check.Command.SetAction(parse => Open(context, parse, check.Layered, data =>
        {
            var on = parse.GetValue(state) == "on";
            data.Peers.CheckAddress = on;
            context.Output.WriteLine($"address check {(on ? "on" : "off")}");
            return 0;
        }));

        command.Add(check.Command);
        return command;
    }

    private static (Command Command, Option<string>[] Layered) Subcommand(string name, string description, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        Option<string>[] layered =
        [
            CommandContext.Option("data-dir", "DIR", "data folder (default estreamer-data) [ESTREAMER_DATA_DIR]"),
            ServeCommand.ConfigOption(),
        ];
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Add(argument);
                    break;
                case Option option:
                    command.Add(option);
                    break;
            }
        }

        foreach (var option in layered)
        {
            command.Add(option);
        }

        return (command, layered);
    }

    private static int Open(CommandContext context, ParseResult parse, Option<string>[] layered, Func<EmulatorData, int> work)
    {
        var directory = OptionsBinder.DataDirectory(CommandContext.Flags(parse, layered), context.Environment);
        using var data = EmulatorData.OpenOrCreate(directory);
        return work(data);
    }
}
