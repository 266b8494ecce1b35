using Rampart.Core.Errors;

namespace Rampart.Shell.Sessions;

/// <summary>A command ran past its timeout and was interrupted; the shell stays usable.</summary>
public sealed class CommandTimeoutException(TimeSpan timeout)
    : RampartException($"The command did not finish within {timeout.TotalSeconds:0.###} s and was interrupted; the shell is still usable");
