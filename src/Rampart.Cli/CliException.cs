namespace Rampart.Cli;

/// <summary>
/// A failure the user should read: its message becomes the single <c>rampart: …</c> line on stderr, its code the
/// exit code. Anything else that escapes a command is a bug, reported just as briefly.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException()
        : this("failed")
    {
    }

    public CliException(string message)
        : this(message, ExitCode.Failure)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ExitCode.Failure;
    }

    public CliException(string message, ExitCode code)
        : base(message)
    {
        Code = code;
    }

    public CliException(string message, ExitCode code, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    public ExitCode Code { get; }

    public static CliException Usage(string message) => new(message, ExitCode.Usage);
}
