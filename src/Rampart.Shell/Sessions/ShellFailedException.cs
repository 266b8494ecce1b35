using Rampart.Core.Errors;

namespace Rampart.Shell.Sessions;

/// <summary>The shell could not start, died, or stopped answering: a server error (HTTP 500) with what it said.</summary>
public sealed class ShellFailedException(string message) : RampartException(message);
