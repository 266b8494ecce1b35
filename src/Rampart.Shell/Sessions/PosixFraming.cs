using System.Security.Cryptography;
using System.Text;

namespace Rampart.Shell.Sessions;

/// <summary>
/// How a command is framed for a POSIX shell. The command travels as data (one single-quoted word given to
/// <c>eval</c>), so no text in it can break the framing: a syntax error is the command's error, not the session's.
/// It runs inside a function with a SIGUSR1 trap that returns from it, so an interrupt aborts the rest of the
/// command line too (not only the running process) while the shell and its state live on. After it, the shell
/// prints an end marker with a fresh random id and the exit code on stdout, and the marker on stderr, each after a
/// newline so output without a trailing newline is still returned exactly.
/// </summary>
public static class PosixFraming
{
    public static string NewMarker() => "__RAMPART_END_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public static byte[] Wrap(string command, string marker)
    {
        var quoted = "'" + command.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var script =
            $"__rampart_run() {{ eval {quoted}\n}}; trap 'return 130' USR1; __rampart_run </dev/null; __rampart_rc=$?; trap - USR1; "
            + $"printf '\\n{marker} %d\\n' \"$__rampart_rc\"; printf '\\n{marker}\\n' >&2\n";
        return Encoding.UTF8.GetBytes(script);
    }
}
