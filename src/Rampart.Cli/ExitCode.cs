namespace Rampart.Cli;

/// <summary>The exit codes of <c>rampart</c>, so scripts can tell "it failed" from "you called it wrong".</summary>
internal enum ExitCode
{
    Success = 0,

    /// <summary>The daemon refused the request, or a named connection, category or key does not exist.</summary>
    Failure = 1,

    /// <summary>The command line is wrong: unknown command or option, missing or conflicting values.</summary>
    Usage = 2,

    /// <summary>No daemon answers at the URL, or its auth file cannot be read: start it with <c>rampart daemon</c>.</summary>
    Unavailable = 3,

    /// <summary>Ctrl-C or SIGTERM stopped the command (128 + SIGINT, as shells report it).</summary>
    Interrupted = 130,
}
