using Rampart.Core.Errors;

namespace Rampart.Bastion.Recording;

/// <summary>A file is not a well-formed asciicast v2 recording; the message names the file and the line.</summary>
public sealed class AsciicastFormatException : RampartException
{
    public AsciicastFormatException(string message)
        : base(message)
    {
    }

    public AsciicastFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
