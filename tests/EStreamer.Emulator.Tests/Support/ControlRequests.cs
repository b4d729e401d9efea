using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>The control API as a test drives it: real HTTP, JSON read as nodes so the wire names are what is asserted.</summary>
public static class ControlRequests
{
    public static async Task<JsonNode> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {path}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<(HttpStatusCode Status, string? MediaType, JsonNode? Body)> SendAsync(this HttpClient http, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>The id of the newest session of the 127.0.0.1 peer matching the predicate, waiting (bounded) for one.</summary>
    public static async Task<uint> WaitForSessionIdAsync(this HttpClient http, Func<JsonNode, bool> predicate)
    {
        var deadline = DateTime.UtcNow + TestClient.DefaultTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var sessions = (await http.GetJsonAsync("/sessions")).AsArray();
            var match = sessions.LastOrDefault(s => s!["peer"]?.GetValue<string>() == "127.0.0.1" && predicate(s!));
            if (match is not null)
            {
                return match["id"]!.GetValue<uint>();
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("no session matched");
    }

    /// <summary>GET /sessions/{id}/conformance until the report is final (the session closed), bounded.</summary>
    public static async Task<JsonNode> WaitForFinalReportAsync(this HttpClient http, uint sessionId)
    {
        var deadline = DateTime.UtcNow + TestClient.DefaultTimeout;
        while (true)
        {
            var report = await http.GetJsonAsync($"/sessions/{sessionId}/conformance");
            if (report["final"]!.GetValue<bool>())
            {
                return report;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"session {sessionId} report still provisional:\n{report["summary"]}");
            }

            await Task.Delay(20);
        }
    }

    public static string[] Strings(this JsonNode? array) =>
        array!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
}
