using Microsoft.AspNetCore.Http.Features;
using Rampart.Core.Errors;

namespace Rampart.Daemon.Api;

/// <summary>
/// The one place exceptions become responses: client mistakes are 400 with their message, refusals 403, and
/// anything else 500 with a message that reveals no internals (the details go to the daemon's log).
/// </summary>
public sealed partial class ApiErrorHandling(RequestDelegate next, ILogger<ApiErrorHandling> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            var result = e switch
            {
                ClientErrorException client => ApiResults.ClientError(client.Message),
                AccessDeniedException denied => ApiResults.ClientError(denied.Message, StatusCodes.Status403Forbidden),
                BadHttpRequestException bad => ApiResults.ClientError(bad.Message, bad.StatusCode),
                RampartException server => ApiResults.ServerError(server.Message),
                _ => ApiResults.ServerError($"Internal error ({e.GetType().Name}); the daemon's log has the details"),
            };
            if (e is not (ClientErrorException or AccessDeniedException or BadHttpRequestException))
            {
                LogUnhandled(logger, http.Request.Path, e);
            }

            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            http.Response.Clear();
            await result.ExecuteAsync(http);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "Request to {Path} failed")]
    private static partial void LogUnhandled(ILogger logger, PathString path, Exception exception);
}
