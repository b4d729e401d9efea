using System.Security.Cryptography;
using System.Text;
using EStreamer.Emulator.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Control;

public sealed partial class ControlServer
{
    /// <summary>
    /// Bearer-token check for every path but /healthz (container health checks carry no secret). A
    /// middleware rather than an endpoint filter, so routes added through <see cref="IControlEndpoints"/>,
    /// /metrics and the OpenAPI document are covered too.
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> RequireToken(string token, ILogger logger)
    {
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/healthz"))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            var header = context.Request.Headers.Authorization.ToString();
            var failure = header.Length == 0 ? "no Authorization header"
                : !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? "Authorization is not a bearer token"
                : Matches(header["Bearer ".Length..].Trim(), expected) ? null
                : "wrong bearer token";
            if (failure is null)
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            Log.ControlRefused(logger, context.Request.Method, context.Request.Path, failure);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await TypedResults.Problem(
                    $"{failure}: this control API needs 'Authorization: Bearer <token>' (serve --control-token)",
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "unauthorized")
                .ExecuteAsync(context)
                .ConfigureAwait(false);
        };
    }

    // Hashes compared in constant time: neither the token's content nor its length leaks through timing.
    private static bool Matches(string presented, byte[] expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), expected);
}
