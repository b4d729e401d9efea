using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using EStreamer.Emulator.Control;

namespace EStreamer.Emulator.Cli;

/// <summary>
/// `status`: the operator's check of a running emulator through its control API, as one would check that
/// the real streamer runs and its port listens. Exit 0 when the service is enabled and listening, 1 when
/// not (or when no emulator answers), with one line saying which.
/// </summary>
public static class StatusCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("status", "is a running emulator's service enabled and listening? (exit 0 yes, 1 no or not answering)");
        var port = CommandContext.Option("control-port", "N", $"the control API's port (default {ControlOptions.DefaultPort}) [ESTREAMER_CONTROL_PORT]");
        var host = CommandContext.Option("control-host", "ADDR", "the control API's host (default 127.0.0.1)");
        var token = CommandContext.Option("control-token", "T", "the control API's bearer token [ESTREAMER_CONTROL_TOKEN]");
        var config = ServeCommand.ConfigOption();
        command.Add(port);
        command.Add(host);
        command.Add(token);
        command.Add(config);
        command.SetAction(async (parse, cancellation) =>
        {
            // The same port and token `serve` reads, from the same flags, variables and config file.
            var settings = OptionsBinder.Bind(CommandContext.Flags(parse, [port, token, config]), context.Environment, ["control-port", "control-token"]);
            var control = settings.EnabledControl ?? throw new UsageException("status needs the control API; --control-port 0 turns it off");
            return await RunAsync(control, parse.GetValue(host) ?? "127.0.0.1", context.Output, cancellation).ConfigureAwait(false);
        });
        return command;
    }

    public static async Task<int> RunAsync(ControlOptions control, string host, TextWriter output, CancellationToken cancellation = default)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{host}:{control.Port}/"), Timeout = TimeSpan.FromSeconds(5) };
        if (control.Token is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var ready = await http.GetAsync("readyz", cancellation).ConfigureAwait(false);
            using var readiness = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false));
            using var sessions = JsonDocument.Parse(await http.GetStringAsync("sessions", cancellation).ConfigureAwait(false));
            var live = sessions.RootElement.EnumerateArray().Count(s => s.GetProperty("state").GetString() != "closed");
            var root = readiness.RootElement;
            if (ready.IsSuccessStatusCode)
            {
                output.WriteLine($"estreamer service enabled, listening on {root.GetProperty("address").GetString()}:{root.GetProperty("port").GetInt32()}; {live} live sessions");
                return 0;
            }

            var reason = root.TryGetProperty("detail", out var detail) ? detail.GetString() : ready.StatusCode.ToString();
            output.WriteLine($"estreamer service not ready: {reason}; {live} live sessions");
            return 1;
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException or JsonException)
        {
            output.WriteLine($"estreamer emulator not answering on {http.BaseAddress}: {failure.GetBaseException().Message}");
            return 1;
        }
    }
}
