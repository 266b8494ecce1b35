namespace Rampart.Bastion.Dispatch;

/// <summary>
/// The shell's own help, printed on stderr as The Bastion does: the short one for <c>--help</c>, a login without a
/// command and an unknown command, the long one for <c>--long-help</c>. NAME stands for the account's alias of the
/// bastion (<c>alias NAME='ssh ACCOUNT@BASTION -t --'</c>, as <c>--osh info</c> shows it).
/// </summary>
public static class ShellHelp
{
    public static string Quick(BastionSettings settings, string account)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var name = settings.Name;
        return $"""

            Rampart bastion {name}, quick usage (with alias {name}='{settings.CommandFor(account)}'):

                Connect to a server:              {name} admin@srv1.example.org
                Run a command on a server:        {name} admin@srv1.example.org -- uname -a

                List the osh commands:            {name} --osh help
                Help on a specific osh command:   {name} --osh OSH_COMMAND --help
                Enter interactive mode for osh:   {name} -i

                Get more complete help:           {name} --long-help


            """;
    }

    public static string Complete(BastionSettings settings, string account)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var name = settings.Name;
        return Quick(settings, account) + $"""
            Usage: {name} [OPTIONS] [user@]host [-- COMMAND]
                   {name} [OPTIONS] --osh OSH_COMMAND [OSH_OPTIONS]

            Connection options:
                --user, -u USER          Remote user (default: your account name)
                --port, -p PORT          Remote port (default: 22)
                --host, -h HOST          Remote host, instead of the [user@]host word
                --tty, -t                Force a terminal on the remote side
                --no-tty, -T             Never ask for a terminal on the remote side
                --always-escape          Escape ' in the remote command (The Bastion's old behaviour)
                --never-escape           Pass the remote command as typed

            File transfers:
                --osh scp, --osh sftp    Print a wrapper script for scp or sftp through the bastion
                --osh rsync              rsync's remote shell: rsync --rsh "{settings.CommandFor(account).Replace(" -t --", "", StringComparison.Ordinal)} -- --osh rsync --"

            Output options:
                --json                   The result as JSON between JSON_START and JSON_END lines
                --json-pretty            The same, indented
                --json-greppable         The result as one JSON_OUTPUT=... line
                --quiet, -q              No banners, headers or colours

            Other:
                --interactive, -i        The interactive mode: one osh command per line
                --help                   The short help, or an osh command's help after --osh
                --long-help              This help

            Every session and osh command is logged and audited; connections are recorded.


            """;
    }

    /// <summary>What the interactive mode adds to <c>help</c>.</summary>
    public const string InteractiveBuiltins = """
        Under interactive mode, additional builtin commands are supported:
        - ssh [options] <server>  Connect to a remote server; all the standard options
                                     can be used (--port, etc.), see --long-help for a list.
        - mfa                     Request an immediate MFA validation to elevate the current session,
                                     to avoid getting a prompt for each JIT MFA-required command.
        - nomfa                   Go back to a non-MFA elevated session.
        - exit                    Quit the interactive mode; 'quit', 'q' and ^D can be used instead.

        """;
}
