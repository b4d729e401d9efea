using System.Text;
using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Scenarios;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EStreamer.Emulator.Control;

/// <summary>
/// POST /scenario (load or replace what plays), POST /events (append events now) and POST /faults (fire a
/// fault now). Scenario and event bodies go through the scenario loader, so a broken one is refused whole
/// with the loader's file:line:column errors as a 400; a fault body is JSON read by <see cref="FaultBody"/>.
/// </summary>
public sealed class ScenarioEndpoints(TrafficHost traffic) : IControlEndpoints
{
    public void Map(IEndpointRouteBuilder endpoints, EmulatorControl control)
    {
        endpoints.MapPost("/scenario", async Task<Results<Ok<ScenarioLoaded>, ProblemHttpResult>> (HttpRequest request, string? example) =>
            {
                Scenario scenario;
                try
                {
                    scenario = example is not null
                        ? LoadExample(example)
                        : ScenarioLoader.LoadText(await ReadBodyAsync(request).ConfigureAwait(false), "request");
                }
                catch (ScenarioException invalid)
                {
                    return Invalid("invalid scenario", invalid);
                }

                var faults = await traffic.PlayAsync(scenario, control.Server).ConfigureAwait(false);
                return TypedResults.Ok(new ScenarioLoaded(scenario.Name, scenario.Seed, faults.Faults.Count, faults.Start));
            })
            .WithName("loadScenario")
            .RequireRateLimiting(ControlServer.LoadPolicy)
            .WithTags("scenario")
            .WithSummary("Loads a scenario (YAML body, or ?example=NAME) and plays it from now, replacing what played; sessions opened afterwards use its settings and faults.");

        endpoints.MapPost("/events", async Task<Results<Ok<EventsAppended>, ProblemHttpResult>> (HttpRequest request) =>
            {
                ScenarioPlan plan;
                try
                {
                    var yaml = await ReadBodyAsync(request).ConfigureAwait(false);
                    var scenario = ScenarioLoader.LoadText(yaml.Contains("name:", StringComparison.Ordinal) ? yaml : "name: injected\n" + yaml, "request");
                    plan = scenario.Compile(DateTimeOffset.UtcNow);
                }
                catch (ScenarioException invalid)
                {
                    return Invalid("invalid events", invalid);
                }

                if (control.Events is not { } journal)
                {
                    return TypedResults.Problem("this emulator has no event journal to append to", statusCode: StatusCodes.Status409Conflict, title: "no journal");
                }

                // Injected now: every event of the body, in its order, archived at the current second.
                var now = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                var events = plan.Events.Take(100_000).Select(e => (now, e.Record, e.Metadata)).ToArray();
                journal.Append(events);
                return TypedResults.Ok(new EventsAppended(events.Length));
            })
            .WithName("injectEvents")
            .RequireRateLimiting(ControlServer.LoadPolicy)
            .WithTags("scenario")
            .WithSummary("Appends the events of a YAML body (a scenario's timeline and metadata sections) to the journal now.");

        endpoints.MapPost("/faults", async Task<Results<Ok<FaultFired>, ProblemHttpResult>> (HttpRequest request) =>
            {
                uint? session;
                Fault fault;
                try
                {
                    (session, fault) = FaultBody.Parse(await ReadBodyAsync(request).ConfigureAwait(false));
                }
                catch (FaultBodyException invalid)
                {
                    return TypedResults.Problem(
                        invalid.Message,
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "invalid fault",
                        extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { key = invalid.Key, message = invalid.Message } } });
                }

                if (!fault.IsServerWide && session is null)
                {
                    return TypedResults.Problem("a session fault needs \"session\": ID (see GET /sessions)", statusCode: StatusCodes.Status400BadRequest, title: "invalid fault");
                }

                if (!control.Server.InjectFault(session ?? 0, fault))
                {
                    return TypedResults.Problem($"no live session {session}", statusCode: StatusCodes.Status404NotFound, title: "no such session");
                }

                return TypedResults.Ok(new FaultFired(fault.Kind.ToString(), fault.IsServerWide ? null : session));
            })
            .WithName("fireFault")
            .RequireRateLimiting(ControlServer.LoadPolicy)
            .WithTags("scenario")
            .WithSummary("Fires a fault now: {\"session\": ID, \"kind\": \"stall\", \"duration\": \"5s\"} with a scenario fault's keys.");
    }

    private static Scenario LoadExample(string name) =>
        ScenarioLoader.ExampleNames.Contains(name)
            ? ScenarioLoader.LoadExample(name)
            : throw new ScenarioException([new ScenarioError("request", 1, 1, $"no shipped scenario '{name}'; shipped: {string.Join(", ", ScenarioLoader.ExampleNames)}")]);

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    private static ProblemHttpResult Invalid(string title, ScenarioException invalid) => TypedResults.Problem(
        invalid.Message,
        statusCode: StatusCodes.Status400BadRequest,
        title: title,
        extensions: new Dictionary<string, object?>
        {
            ["errors"] = invalid.Errors.Select(e => new { file = e.File, line = e.Line, column = e.Column, message = e.Message }).ToArray(),
        });
}

public sealed record ScenarioLoaded(string Name, int Seed, int Faults, DateTimeOffset Start);

public sealed record EventsAppended(int Appended);

public sealed record FaultFired(string Kind, uint? Session);
