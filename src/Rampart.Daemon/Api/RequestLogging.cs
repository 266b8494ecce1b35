using System.Diagnostics;
using Rampart.Core.Access;

namespace Rampart.Daemon.Api;

/// <summary>One log line per request: method, path, status, time and caller. Never bodies, headers or tokens.</summary>
public sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var caller = http.Items[typeof(Principal)] is Principal principal ? principal.DisplayName : "-";
                LogRequest(logger, http.Request.Method, http.Request.Path.Value ?? "/", http.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds, caller);
            }
        }
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "{Method} {Path} {Status} {ElapsedMs:F1} ms {Caller}")]
    private static partial void LogRequest(ILogger logger, string method, string path, int status, double elapsedMs, string caller);
}
