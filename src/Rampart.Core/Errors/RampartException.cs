namespace Rampart.Core.Errors;

/// <summary>
/// Base of Rampart's small exception family. Hosts map it in one place: a <see cref="ClientErrorException"/>
/// becomes HTTP 400 (or a KO_ code over SSH, or one CLI line); anything else is a server error.
/// Messages are shown to users, so they never contain secrets.
/// </summary>
public class RampartException : Exception
{
    public RampartException(string message)
        : base(message)
    {
    }

    public RampartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
