using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Rampart.Bastion.Osh;

namespace Rampart.Bastion.Plugins.Transfer;

/// <summary>
/// The scripts <c>--osh scp</c> and <c>--osh sftp</c> hand out: a wrapper an account calls instead of <c>scp</c> or
/// <c>sftp</c>. It runs the real client with itself as the client's ssh program (<c>-S</c>); called that way it logs in
/// to the bastion as the account and asks for the transfer plugin with the target the client named. The scripts hold
/// no secret (the account's own ssh key reaches the bastion as usual) and take The Bastion wrappers' options and
/// environment variables. Handed out gzipped and base64-encoded, as The Bastion does, with a command to install them.
/// </summary>
public static partial class WrapperScripts
{
    public const string ScpUsage = """
        Without --host, prints the account's scp wrapper and how to install it. The wrapper takes scp's options
        (-p -q -r -T -v -l LIMIT -i KEY -P PORT -o OPTION) and one remote operand, for example:
          ~/scp-via-BASTION -i ~/.ssh/id_ed25519 -P 22 localfile user@server:/dest/
          ~/scp-via-BASTION -r user@server:/src/dir /tmp/
        The account needs ssh access to user@server:port and, on the same key, a --protocol scpupload (or scpdownload)
        grant: groupAddServer or selfAddPersonalAccess with --protocol and without --user.
        """;

    public const string SftpUsage = """
        Without --host, prints the account's sftp wrapper and how to install it. The wrapper takes sftp's options
        (-a -f -p -r -v -b BATCHFILE -l LIMIT -i KEY -P PORT -o OPTION -F CONFIG) and [sftp://][user@]host[:port][/path].
        The account needs ssh access to user@host:port and, on the same key, a --protocol sftp grant.
        """;

    public const string RsyncUsage = """
        rsync's remote shell through the bastion, for example:
          rsync -va --rsh "ssh ACCOUNT@BASTION -p PORT -- --osh rsync --" /srcdir user@server:/dest/
          rsync -va --rsh "ssh ACCOUNT@BASTION -p PORT -- --osh rsync --port 2222 --" user@server:/srcdir /dest/
        The account needs ssh access to user@server:port and, on the same key, a --protocol rsync grant.
        """;

    /// <summary>The scp wrapper; <c>@BASTION_CMD@</c>, <c>@ACCOUNT@</c> and <c>@BASTION@</c> are filled in per account.</summary>
    public const string Scp = """
        #!/usr/bin/env bash
        # scp through the bastion @BASTION@ as @ACCOUNT@: call it as you would call scp, with one remote operand.
        # Handed out by `--osh scp`; it holds no secret. BASTION_SCP_DEBUG=1 traces it; BASTION_SSH_EXTRA_ARGS and
        # BASTION_SCP_EXTRA_ARGS add words to the ssh command reaching the bastion and to the scp command.
        set -u
        bastion_cmd=(@BASTION_CMD@)
        read -r -a ssh_extra <<< "${BASTION_SSH_EXTRA_ARGS:-}"
        read -r -a scp_extra <<< "${BASTION_SCP_EXTRA_ARGS:-}"
        say() { printf 'scp-via-bastion: %s\n' "$*" >&2; }
        debug() { if [ "${BASTION_SCP_DEBUG:-}" = 1 ]; then say "$@"; fi; }
        fail() { say "$@"; exit 1; }
        @MFA_TOKEN@

        if [ "${RAMPART_SCP_AS_SSH:-}" = 1 ]; then
            # scp runs us in place of ssh: [ssh options] [-l USER] [-p PORT] -- HOST "scp -t|-f PATH"
            debug "called by scp with: $*"
            user='' port='' ssh_args=()
            while [ $# -gt 0 ] && [ "$1" != "--" ]; do
                case "$1" in
                    -l) user=${2:-}; shift 2 ;;
                    -p) port=${2:-}; shift 2 ;;
                    -s) fail "this scp wants to speak SFTP to the server; run it with -O (the legacy scp protocol)" ;;
                    -o) case "${2:-}" in
                            [Uu][Ss][Ee][Rr]=*) user=${2#*=} ;;
                            [Pp][Oo][Rr][Tt]=*) port=${2#*=} ;;
                            *) ssh_args+=(-o "${2:-}") ;;
                        esac
                        shift 2 ;;
                    *) ssh_args+=("$1"); shift ;;
                esac
            done
            [ $# -eq 3 ] || fail "unexpected arguments from scp: $*"
            host=$2 command=$3
            case "$host" in *@*) user=${host%@*}; host=${host##*@} ;; esac
            # The Bastion's encoding of the remote command: "#" for a space, "##" for "#".
            encoded=${command//#/##}
            encoded=${encoded// /#}
            target=(--host "$host")
            if [ -n "$user" ]; then target+=(--user "$user"); fi
            if [ -n "$port" ]; then target+=(--port "$port"); fi
            mfa_token scp ${ssh_args[@]+"${ssh_args[@]}"} ${ssh_extra[@]+"${ssh_extra[@]}"} -- "${target[@]}"
            debug "asking the bastion for: $command on $host"
            exec "${bastion_cmd[@]}" -T ${ssh_args[@]+"${ssh_args[@]}"} ${ssh_extra[@]+"${ssh_extra[@]}"} -- "${target[@]}" --osh scp --scp-cmd "$encoded" ${mfa[@]+"${mfa[@]}"}
        fi

        usage() {
            echo "Usage: $0 [-p] [-q] [-r] [-T] [-v] [-l limit] [-i identity_file] [-P port] [-o ssh_option] source target" >&2
            exit 1
        }

        scp_args=()
        while [ $# -gt 0 ]; do
            case "$1" in
                -p|-q|-r|-T|-v) scp_args+=("$1"); shift ;;
                -i|-o|-F) [ $# -ge 2 ] || fail "missing argument after '$1'"; scp_args+=("$1" "$2"); shift 2 ;;
                -P|-l) [[ ${2:-} =~ ^[0-9]+$ ]] || fail "argument after '$1' should be a number (got '${2:-}')"; scp_args+=("$1" "$2"); shift 2 ;;
                -J) fail "proxy jumps are not supported by this bastion" ;;
                --) shift; break ;;
                -*) fail "unsupported option '$1'" ;;
                *) break ;;
            esac
        done
        [ $# -eq 2 ] || usage
        remote='^([^@:/]*@)?[^@:/]+:'
        if [[ $1 =~ $remote ]] && [[ $2 =~ $remote ]]; then
            fail "both '$1' and '$2' are remote; one side must be local"
        elif ! [[ $1 =~ $remote ]] && ! [[ $2 =~ $remote ]]; then
            fail "no remote host found in your command '$1 $2'"
        fi

        # OpenSSH 9 scp speaks SFTP unless told -O; the bastion relays the legacy scp protocol.
        legacy=()
        probe=$(mktemp -d) || fail "cannot create a temporary directory"
        : > "$probe/a"
        if scp -O "$probe/a" "$probe/b" >/dev/null 2>&1; then legacy=(-O); fi
        rm -rf "$probe"

        self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
        export RAMPART_SCP_AS_SSH=1
        debug "running scp ${legacy[*]-} ${scp_args[*]-} -S $self $1 $2"
        exec scp ${legacy[@]+"${legacy[@]}"} ${scp_args[@]+"${scp_args[@]}"} ${scp_extra[@]+"${scp_extra[@]}"} -S "$self" "$1" "$2"
        """;

    /// <summary>The sftp wrapper; placeholders as in <see cref="Scp"/>.</summary>
    public const string Sftp = """
        #!/usr/bin/env bash
        # sftp through the bastion @BASTION@ as @ACCOUNT@: call it as you would call sftp.
        # Handed out by `--osh sftp`; it holds no secret. BASTION_SFTP_DEBUG=1 traces it; BASTION_SSH_EXTRA_ARGS and
        # BASTION_SFTP_EXTRA_ARGS add words to the ssh command reaching the bastion and to the sftp command.
        set -u
        bastion_cmd=(@BASTION_CMD@)
        read -r -a ssh_extra <<< "${BASTION_SSH_EXTRA_ARGS:-}"
        read -r -a sftp_extra <<< "${BASTION_SFTP_EXTRA_ARGS:-}"
        say() { printf 'sftp-via-bastion: %s\n' "$*" >&2; }
        debug() { if [ "${BASTION_SFTP_DEBUG:-}" = 1 ]; then say "$@"; fi; }
        fail() { say "$@"; exit 1; }
        @MFA_TOKEN@

        if [ "${RAMPART_SFTP_AS_SSH:-}" = 1 ]; then
            # sftp runs us in place of ssh: [ssh options] [-l USER] [-oPort N] -s -- HOST sftp
            debug "called by sftp with: $*"
            user='' port='' ssh_args=()
            while [ $# -gt 0 ] && [ "$1" != "--" ]; do
                option=''
                case "$1" in
                    -l) user=${2:-}; shift 2 ;;
                    -p) port=${2:-}; shift 2 ;;
                    -s) shift ;;
                    -o) option=${2:-}; shift 2 ;;
                    -o*) option=${1#-o}; shift ;;
                    *) ssh_args+=("$1"); shift ;;
                esac
                if [ -n "$option" ]; then
                    # sftp writes options as "-oName value"; ssh also takes "Name=value".
                    name=${option%%[ =]*} value=${option#*[ =]}
                    case "${name,,}" in
                        user) user=$value ;;
                        port) port=$value ;;
                        *) ssh_args+=("-o$name=$value") ;;
                    esac
                fi
            done
            [ $# -eq 3 ] || fail "unexpected arguments from sftp: $*"
            [ "$3" = sftp ] || fail "unknown subsystem requested '$3', expected 'sftp'"
            host=$2
            case "$host" in *@*) user=${host%@*}; host=${host##*@} ;; esac
            target=(--host "$host")
            if [ -n "$user" ]; then target+=(--user "$user"); fi
            if [ -n "$port" ]; then target+=(--port "$port"); fi
            mfa_token sftp ${ssh_args[@]+"${ssh_args[@]}"} ${ssh_extra[@]+"${ssh_extra[@]}"} -- "${target[@]}"
            debug "asking the bastion for sftp on $host"
            exec "${bastion_cmd[@]}" -T ${ssh_args[@]+"${ssh_args[@]}"} ${ssh_extra[@]+"${ssh_extra[@]}"} -- "${target[@]}" --osh sftp ${mfa[@]+"${mfa[@]}"}
        fi

        usage() {
            echo "usage: $0 [-afprv] [-b batchfile] [-F ssh_config] [-i identity_file] [-l limit] [-o ssh_option] [-P port] [sftp://][user@]host[:port][/path]" >&2
            exit 1
        }

        sftp_args=() port=''
        while [ $# -gt 0 ]; do
            case "$1" in
                -a|-f|-p|-r|-v) sftp_args+=("$1"); shift ;;
                -i|-o|-F|-b) [ $# -ge 2 ] || fail "missing argument after '$1'"; sftp_args+=("$1" "$2"); shift 2 ;;
                -l) [[ ${2:-} =~ ^[0-9]+$ ]] || fail "argument after '$1' should be a number (got '${2:-}')"; sftp_args+=("$1" "$2"); shift 2 ;;
                -P) [[ ${2:-} =~ ^[0-9]+$ ]] || fail "argument after '$1' should be a number (got '${2:-}')"; port=$2; shift 2 ;;
                -J) fail "proxy jumps are not supported by this bastion" ;;
                --) shift; break ;;
                -*) fail "unsupported option '$1'" ;;
                *) break ;;
            esac
        done
        [ $# -eq 1 ] || usage
        destination='^(sftp://)?(([^@:/]+)@)?([^@:/]+)(:([0-9]+))?(/(.*))?$'
        [[ $1 =~ $destination ]] || fail "couldn't parse destination '$1'"
        user=${BASH_REMATCH[3]} host=${BASH_REMATCH[4]} given_port=${BASH_REMATCH[6]} path=${BASH_REMATCH[8]}
        if [ -n "$port" ] && [ -n "$given_port" ] && [ "$port" != "$given_port" ]; then
            fail "conflicting ports specified ($port and $given_port)"
        fi
        port=${port:-$given_port}

        self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
        export RAMPART_SFTP_AS_SSH=1
        uri="sftp://${user:+$user@}$host${port:+:$port}${path:+/$path}"
        debug "running sftp ${sftp_args[*]-} -S $self $uri"
        exec sftp ${sftp_args[@]+"${sftp_args[@]}"} ${sftp_extra[@]+"${sftp_extra[@]}"} -S "$self" "$uri"
        """;

    /// <summary>
    /// The wrappers' MFA step, filled in for <c>@MFA_TOKEN@</c>. A transfer cannot answer a prompt (its stdin and stdout
    /// carry the protocol), so on a terminal a first call asks the bastion for a token (<c>--generate-mfa-token</c>), which
    /// asks the account's factors when the host needs MFA, with local echo off; the transfer then passes the token.
    /// Without a terminal (scripts) nothing is asked: a host that needs MFA then refuses the transfer with its reason.
    /// </summary>
    private const string MfaTokenStep = """
        mfa=()
        mfa_token() { # PLUGIN SSH_ARGS... -- TARGET...: sets mfa=(--mfa-token TOKEN) when the host needs one
            local plugin=$1 saved out status
            shift
            { exec 3</dev/tty; } 2>/dev/null || return 0
            saved=$(stty -g <&3 2>/dev/null) && stty -echo <&3 2>/dev/null
            out=$("${bastion_cmd[@]}" -T "$@" --osh "$plugin" --generate-mfa-token <&3 2>/dev/tty)
            status=$?
            if [ -n "$saved" ]; then stty "$saved" <&3 2>/dev/null; fi
            exec 3<&-
            [ $status -eq 0 ] || fail "couldn't get an MFA token from the bastion (exit $status), aborting"
            case "$out" in
                *MFA_TOKEN=v1,*) out=${out##*MFA_TOKEN=}; mfa=(--mfa-token "${out%%[!a-z0-9,]*}") ;;
            esac
        }
        """;

    /// <summary>Prints how to install <paramref name="script"/> for the caller and returns it the way The Bastion does.</summary>
    public static async Task<OshEnvelope> HandOutAsync(PluginCall call, IOshPlugin plugin, string script, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(plugin);
        var settings = call.Services.Settings;
        var bastion = SafeName().Replace(settings.Name, "_");
        var file = $"~/{plugin.Name}-via-{bastion}";
        var encoded = Encode(Fill(script, settings.CommandFor(call.Caller.Name), call.Caller.Name, bastion));
        await call.SayAsync($"""
            To use {plugin.Name} through this bastion, install your own wrapper script (it is specific to your account and
            this bastion, and holds no secret) with this command:

            echo "{encoded}"|base64 -d|gunzip -c > {file} && chmod +x {file}

            then call {file} instead of {plugin.Name}, with the same options.

            {plugin.Usage?.TrimEnd().Replace("-via-BASTION", "-via-" + bastion, StringComparison.Ordinal)}
            """, cancellationToken);
        return OshEnvelope.Ok(plugin.Name, new JsonObject { ["script"] = encoded, ["content-encoding"] = "base64-gzip" });
    }

    /// <summary>The script for one account: the bastion command as a bash array, without the <c>-t</c> and <c>--</c> an
    /// interactive alias has (the wrapper adds <c>-T</c> and its own <c>--</c>).</summary>
    public static string Fill(string script, string bastionCommand, string account, string bastionName)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(bastionCommand);
        var words = bastionCommand.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Where(w => w is not ("-t" or "-tt")).ToList();
        if (words.Count > 0 && words[^1] == "--")
        {
            words.RemoveAt(words.Count - 1);
        }

        return script
            .Replace("@BASTION_CMD@", string.Join(' ', words.Select(Quote)), StringComparison.Ordinal)
            .Replace("@ACCOUNT@", account, StringComparison.Ordinal)
            .Replace("@BASTION@", bastionName, StringComparison.Ordinal)
            .Replace("@MFA_TOKEN@", MfaTokenStep.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    /// <summary>gzip, then base64 on one line: what The Bastion's clients decode with <c>base64 -d | gunzip -c</c>.</summary>
    public static string Encode(string script)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(script));
        }

        return Convert.ToBase64String(buffer.ToArray());
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("[^A-Za-z0-9._-]", RegexOptions.CultureInvariant)]
    private static partial Regex SafeName();
}
