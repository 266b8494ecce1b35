using System.Security.Cryptography;

namespace Rampart.Daemon.Fleet;

/// <summary>
/// The text a fleet job runs in each host's persistent shell. Always inside a subshell, so a <c>cd</c>, a variable or
/// an <c>exit</c> in it never changes the shell that other clients share. A script travels inside the same command as
/// a quoted here-document (one round trip), is written to a mktemp file, run with its own shebang, and removed.
/// </summary>
public static class FleetCommand
{
    public static string Build(string? command, string? script)
    {
        if (script is null)
        {
            return "(\n" + command + "\n)";
        }

        var delimiter = "RAMPART_SCRIPT_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var body = script.EndsWith('\n') ? script : script + "\n";
        return "( __rampart_script=$(mktemp \"${TMPDIR:-/tmp}/rampart-run-XXXXXXXXXX\") || exit 125\n"
            + $"cat > \"$__rampart_script\" <<'{delimiter}'\n{body}{delimiter}\n"
            + "chmod 700 \"$__rampart_script\"; \"$__rampart_script\"; __rampart_rc=$?; rm -f \"$__rampart_script\"; exit $__rampart_rc )";
    }
}
