using EStreamer.Emulator.Logging;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Control;

/// <summary>
/// A failing control request becomes one problem+json answer. A request the server refuses (a body over
/// the size limit, a query or route value that does not bind) keeps its 4xx and the sentence naming what was
/// wrong; anything else is one greppable "estreamer error" line and a 500, instead of ASP.NET Core's own
/// multi-line error log.
/// </summary>
internal sealed class ControlExceptionHandler(ILogger logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException refused)
        {
            var (detail, title) = refused.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ($"the request body is larger than the control API accepts (at most {httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes)", "request body too large")
                : (refused.Message, "bad request");
            Log.ControlRefused(logger, httpContext.Request.Method, httpContext.Request.Path, detail);
            await TypedResults.Problem(detail, statusCode: refused.StatusCode, title: title).ExecuteAsync(httpContext).ConfigureAwait(false);
            return true;
        }

        var reason = exception.GetBaseException().Message;
        Log.ControlRequestFailed(logger, httpContext.Request.Method, httpContext.Request.Path, reason, exception);
        await TypedResults.Problem(reason, statusCode: StatusCodes.Status500InternalServerError, title: "control request failed")
            .ExecuteAsync(httpContext)
            .ConfigureAwait(false);
        return true;
    }
}
