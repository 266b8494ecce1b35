namespace Rampart.Core.Errors;

/// <summary>The caller asked for something invalid or unknown; nothing was changed.</summary>
public class ClientErrorException : RampartException
{
    public ClientErrorException(string message)
        : base(message)
    {
    }

    public ClientErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
