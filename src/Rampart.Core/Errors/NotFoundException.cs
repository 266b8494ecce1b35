namespace Rampart.Core.Errors;

/// <summary>A named thing (connection, category, key, blob…) does not exist. Still a client error (HTTP 400), as in XPipe.</summary>
public sealed class NotFoundException : ClientErrorException
{
    public NotFoundException(string message)
        : base(message)
    {
    }
}
