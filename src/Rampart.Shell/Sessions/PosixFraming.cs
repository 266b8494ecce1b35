using System.Security.Cryptography;
using System.Text;

namespace Rampart.Shell.Sessions;

/// <summary>
/// How a command is framed for a POSIX shell. The command travels as data (one single-quoted word given to
/// <c>eval</c>), so no text in it can break the framing: a syntax error is the command's error, not the session's.
/// After it, the shell prints an end marker with a fresh random id and the exit code on stdout, and the marker on
/// stderr, each after a newline so output without a trailing newline is still returned exactly.
/// </summary>
public static class PosixFraming
{
    public static string NewMarker() => "__RAMPART_END_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public static byte[] Wrap(string command, string marker)
    {
        var quoted = "'" + command.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var script = $"eval {quoted} </dev/null; __rampart_rc=$?; printf '\\n{marker} %d\\n' \"$__rampart_rc\"; printf '\\n{marker}\\n' >&2\n";
        return Encoding.UTF8.GetBytes(script);
    }
}
