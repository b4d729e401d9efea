using System.CommandLine;

namespace EStreamer.Emulator.Cli;

/// <summary>`probe`'s command line; the work is <see cref="ProbeCommand"/>'s.</summary>
public static class ProbeCommandLine
{
    public const string Description = """
        connect to any eStreamer server as a client: report TLS, the server certificate and whether the client
        certificate was accepted (on stderr), then decode N records as JSON lines on stdout
        """;

    public static Command Create(CommandContext context)
    {
        Option<string>[] options =
        [
            CommandContext.Option("host", "H", "the server's host name or address"),
            CommandContext.Option("port", "N", "the server's eStreamer port"),
            CommandContext.Option("pkcs12", "FILE", "the client's PKCS#12 (certificate and key)"),
            CommandContext.Option("password", "P", "the PKCS#12's password (--password '' for none)"),
            CommandContext.Option("count", "N", "records to decode (default 10; 0 only checks the connection)"),
            CommandContext.Option("start", "oldest|now|UNIXTIME", "where the stream starts (default oldest)"),
            CommandContext.Option("families", "LIST", "intrusion, metadata, correlation, discovery, connection, user-activity, malware, file, impact, packet-data, extra-data or all (default; malware and file need --extended)"),
            CommandContext.Option("timeout", "SECONDS", "bound on connecting, the handshake and each wait for a record (default 10)"),
            CommandContext.Option("pcap", "FILE", "also write every packet record (record 2) decoded to FILE as a libpcap capture, for Wireshark or tshark"),
        ];
        var extended = new Option<bool>("--extended") { Description = "an extended request (bit 30 and a Streaming Request)" };
        var command = new Command("probe", Description) { extended };
        foreach (var option in options)
        {
            command.Add(option);
        }

        command.SetAction((parse, cancellation) =>
        {
            var flags = CommandContext.Flags(parse, options);
            var probe = ProbeOptions.Parse(flags.GetValueOrDefault, parse.GetValue(extended));
            return ProbeCommand.RunAsync(probe, context.Output, context.Error, cancellation);
        });
        return command;
    }
}
