using System.Net;

namespace Rampart.Cli;

/// <summary>The daemon answered with an error status; the message is the daemon's own.</summary>
internal sealed class DaemonErrorException : Exception
{
    public DaemonErrorException()
    {
    }

    public DaemonErrorException(string message)
        : base(message)
    {
    }

    public DaemonErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DaemonErrorException(HttpStatusCode status, string message)
        : base(message)
    {
        Status = status;
    }

    public HttpStatusCode Status { get; }
}
