using System.Net.Http.Headers;
using System.Text.Json;

namespace EStreamer.Emulator.Cli;

/// <summary>
/// `status`: the operator's check of a running emulator through its control API, as one would check that
/// the real streamer runs and its port listens. Exit 0 when the service is enabled and listening, 1 when
/// not (or when no emulator answers), with one line saying which.
/// </summary>
public static class StatusCommand
{
    public static async Task<int> RunAsync(CommandLine line, TextWriter output)
    {
        if (line.Positionals.Count != 1)
        {
            throw new UsageException("usage: status [--control-port N] [--control-host ADDR] [--control-token T]");
        }

        var control = OptionsBinder.BindControl(line) ?? throw new UsageException("status needs the control API; --control-port 0 turns it off");
        var host = line.Get("control-host") ?? "127.0.0.1";
        line.RejectUnknown();

        using var http = new HttpClient { BaseAddress = new Uri($"http://{host}:{control.Port}/"), Timeout = TimeSpan.FromSeconds(5) };
        if (control.Token is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var ready = await http.GetAsync("readyz").ConfigureAwait(false);
            using var readiness = JsonDocument.Parse(await ready.Content.ReadAsStringAsync().ConfigureAwait(false));
            using var sessions = JsonDocument.Parse(await http.GetStringAsync("sessions").ConfigureAwait(false));
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
