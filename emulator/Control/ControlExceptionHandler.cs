using EStreamer.Emulator.Logging;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Control;

/// <summary>
/// A failing control request becomes one greppable "estreamer error" line and a 500 problem+json answer,
/// instead of ASP.NET Core's own multi-line error log.
/// </summary>
internal sealed class ControlExceptionHandler(ILogger logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var reason = exception.GetBaseException().Message;
        Log.ControlRequestFailed(logger, httpContext.Request.Method, httpContext.Request.Path, reason, exception);
        await TypedResults.Problem(reason, statusCode: StatusCodes.Status500InternalServerError, title: "control request failed")
            .ExecuteAsync(httpContext)
            .ConfigureAwait(false);
        return true;
    }
}
