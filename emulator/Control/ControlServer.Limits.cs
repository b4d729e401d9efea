using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace EStreamer.Emulator.Control;

public sealed partial class ControlServer
{
    /// <summary>The rate-limiting policy of the endpoints that parse and compile a body (scenario, events, faults).</summary>
    internal const string LoadPolicy = "loads";

    /// <summary>
    /// What one client of the API can make the process hold: bodies up to <see cref="ControlOptions.MaxRequestBodyBytes"/>
    /// (Kestrel answers larger ones 413 before reading them), and <see cref="ControlOptions.MaxConcurrentLoads"/>
    /// expensive requests at once with <see cref="ControlOptions.MaxQueuedLoads"/> more waiting; the rest get 429
    /// rather than queueing memory.
    /// </summary>
    private static void AddLimits(WebApplicationBuilder builder, ControlOptions options)
    {
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);

        // A query or route value that does not bind (?since=abc, /sessions/xyz) throws, so the exception
        // handler answers it as a 400 naming the parameter instead of an empty one.
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddConcurrencyLimiter(LoadPolicy, concurrency =>
            {
                concurrency.PermitLimit = options.MaxConcurrentLoads;
                concurrency.QueueLimit = options.MaxQueuedLoads;
                concurrency.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (rejected, cancellation) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                await TypedResults.Problem(
                        $"{options.MaxConcurrentLoads} scenario, event or fault requests are already running; retry when one finishes",
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "too many requests")
                    .ExecuteAsync(rejected.HttpContext)
                    .ConfigureAwait(false);
            };
        });
    }
}
