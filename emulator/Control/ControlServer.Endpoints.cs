using EStreamer.Emulator.Conformance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Prometheus;

namespace EStreamer.Emulator.Control;

public sealed partial class ControlServer
{
    private static void MapEndpoints(WebApplication app, EmulatorControl control, DateTimeOffset started)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthStatus("ok", started)))
            .WithName("health")
            .WithTags("status")
            .WithSummary("The emulator process is up (no token needed).");

        app.MapGet("/readyz", Results<Ok<Readiness>, ProblemHttpResult> () =>
            {
                var readiness = control.Readiness();
                if (readiness.Ready)
                {
                    return TypedResults.Ok(readiness);
                }

                return TypedResults.Problem(
                    readiness.Reason,
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "not ready",
                    extensions: new Dictionary<string, object?>
                    {
                        ["serviceEnabled"] = readiness.ServiceEnabled,
                        ["listening"] = readiness.Listening,
                        ["port"] = readiness.Port,
                    });
            })
            .WithName("ready")
            .WithTags("status")
            .WithSummary("200 while the eStreamer port listens and the service is enabled; 503 problem with the reason otherwise.");

        app.MapGet("/sessions", () => TypedResults.Ok(control.Sessions().Select(SessionView.From).ToArray()))
            .WithName("listSessions")
            .WithTags("sessions")
            .WithSummary("Live sessions and the most recent closed ones, by id.");

        app.MapGet("/sessions/{id}", Results<Ok<SessionView>, ProblemHttpResult> (uint id) =>
                control.Session(id) is { } session ? TypedResults.Ok(SessionView.From(session)) : NoSession(id))
            .WithName("getSession")
            .WithTags("sessions")
            .WithSummary("One session: peer, TLS, request flags by name, negotiated versions, counters, state, close reason.");

        app.MapGet("/sessions/{id}/conformance", Results<Ok<ConformanceReport>, ProblemHttpResult> (uint id) =>
                control.ConformanceOf(id) is { } report ? TypedResults.Ok(report) : NoSession(id))
            .WithName("getConformance")
            .WithTags("conformance")
            .WithSummary("How the session's client behaved; final once the session closed, provisional before.");

        app.MapGet("/conformance", () => TypedResults.Ok(control.Conformance.Reports))
            .WithName("listConformance")
            .WithTags("conformance")
            .WithSummary("Final conformance reports of closed sessions, oldest first.");

        app.MapGet("/journal", Results<Ok<JournalPage>, ProblemHttpResult> (uint? session, long? since, int? limit) =>
            {
                if (limit is < 1)
                {
                    return TypedResults.Problem("limit must be 1 or more", statusCode: StatusCodes.Status400BadRequest, title: "bad query");
                }

                var journal = control.Journal;
                return TypedResults.Ok(new JournalPage(journal.FirstSequence, journal.LastSequence, journal.Capacity, journal.Read(session, since, limit)));
            })
            .WithName("readJournal")
            .WithTags("journal")
            .WithSummary("Client messages and server decisions; filter with ?session=ID, ?since=SEQUENCE, ?limit=N.");

        app.MapPost("/reset", async (CancellationToken cancellation) => TypedResults.Ok(new ResetResult(await control.ResetAsync(cancellation).ConfigureAwait(false))))
            .WithName("reset")
            .WithTags("control")
            .WithSummary("Closes every session silently and clears the journal, conformance reports and event journal.");

        app.MapGet("/service", () => TypedResults.Ok(ServiceOf(control)))
            .WithName("getService")
            .WithTags("control")
            .WithSummary("Whether the eStreamer service is enabled and listening.");

        app.MapPost("/service", async Task<Results<Ok<ServiceState>, ProblemHttpResult>> (ServiceChange change) =>
            {
                if (change.Enabled is not { } enabled)
                {
                    return TypedResults.Problem("the body must be {\"enabled\": true} or {\"enabled\": false}", statusCode: StatusCodes.Status400BadRequest, title: "bad request body");
                }

                await control.SetServiceEnabledAsync(enabled).ConfigureAwait(false);
                return TypedResults.Ok(ServiceOf(control));
            })
            .WithName("setService")
            .WithTags("control")
            .WithSummary("Disabling closes every client without an Error and refuses new ones (disconnect rule); enabling listens again.");

        app.MapMetrics("/metrics", control.Metrics.Registry)
            .WithTags("status")
            .WithSummary("Prometheus text format: sessions, events, bundles, bytes, nulls, keep-alives, refusals, request errors.");

        app.MapOpenApi();
    }

    private static ProblemHttpResult NoSession(uint id) =>
        TypedResults.Problem($"no session {id} (live, or among the most recent closed ones)", statusCode: StatusCodes.Status404NotFound, title: "no such session");

    private static ServiceState ServiceOf(EmulatorControl control) =>
        new(control.Server.ServiceEnabled, control.Server.Listening, control.Server.Port);
}
