using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Rampart.Cli.Bastion;
using Rampart.Cli.Output;
using Rampart.Contracts.Bastion;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart bastion install</c> prepares the SSH front door (entry program, sshd configuration and host keys, OS
/// group and keys user); <c>rampart bastion serve</c> runs that sshd in the foreground; <c>rampart bastion
/// bootstrap-admin NAME --key FILE</c> creates the first admin through the running daemon.
/// </summary>
internal static class BastionCommands
{
    private const string KeysUser = "rampart-keys";
    private const UnixFileMode Public = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode PublicExecutable = Public | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static Command Create(CliContext context) =>
        new("bastion", "Set up and run the bastion's SSH front door (root), and create its first admin")
        {
            Install(),
            Serve(),
            BootstrapAdmin(context),
        };

    private static Command Install()
    {
        var port = new Option<int>("--port") { Description = "Port of the front door (default 2222)", DefaultValueFactory = _ => 2222 };
        var listen = new Option<string>("--listen-address") { Description = "Address sshd listens on (default 0.0.0.0)", DefaultValueFactory = _ => "0.0.0.0" };
        var configDir = ConfigDirectory();
        var libDir = new Option<string>("--lib-dir") { Description = "Where the entry program is installed (default /usr/local/lib/rampart)", DefaultValueFactory = _ => "/usr/local/lib/rampart" };
        var socket = new Option<string>("--socket") { Description = "The daemon's bastion socket (default /run/rampart/osh.sock)", DefaultValueFactory = _ => "/run/rampart/osh.sock" };
        var name = new Option<string>("--name") { Description = "The bastion's name (default: this host's name)", DefaultValueFactory = _ => Environment.MachineName };
        var egressFrom = new Option<string>("--egress-keys-from")
        {
            Description = "Addresses egress connections leave from, for the from=\"...\" of egress public keys (default: detected at daemon start)",
        };
        var recordingMax = new Option<string>("--recording-max-bytes")
        {
            Description = "The most output one egress session may produce; it is recorded in full and closed past it (default 1 GiB)",
        };
        var ingressFrom = new Option<string>("--ingress-keys-from")
        {
            Description = "Addresses accounts may log in from: the from=\"...\" of every ingress key (default: no bastion-wide restriction)",
        };
        var ingressOverride = new Option<bool>("--ingress-keys-from-allow-override")
        {
            Description = "Let a key's own from=\"...\" replace --ingress-keys-from",
        };
        var bastionCommand = new Option<string>("--bastion-command")
        {
            Description = "How accounts reach this bastion, shown by --osh info and written into the scp/sftp wrappers; ACCOUNT, HOSTNAME and "
                + "BASTIONNAME are replaced (default: ssh ACCOUNT@HOSTNAME -p PORT -t --)",
        };
        var interactiveMode = new Option<string>("--interactive-mode")
        {
            Description = "A login without a command: by-default (enters the interactive mode, as The Bastion), allowed (only with -i) or disabled",
            DefaultValueFactory = _ => "by-default",
        };
        interactiveMode.AcceptOnlyFromAmong([.. BastionConfig.InteractiveModes]);
        var interactiveTimeout = new Option<int>("--interactive-mode-timeout")
        {
            Description = "Seconds of idleness after which the interactive mode disconnects; 0 for never (default 60)",
            DefaultValueFactory = _ => 60,
        };
        var maxInactiveDays = new Option<int>("--account-max-inactive-days")
        {
            Description = "Days without a login after which an account's logins are refused (accountUnexpire lets it in again); 0 for never (default)",
        };
        var mfaPolicy = new Option<string>("--account-mfa-policy")
        {
            Description = "MFA: enabled (accounts may set a password or TOTP up, the default), disabled, password-required, totp-required or any-required",
            DefaultValueFactory = _ => "enabled",
        };
        mfaPolicy.AcceptOnlyFromAmong([.. BastionConfig.MfaPolicies]);
        var idleLock = new Option<int>("--idle-lock-timeout")
        {
            Description = "Seconds without input after which an egress session on a terminal is locked (--osh unlock from another session); 0 for never (default)",
        };
        var idleKill = new Option<int>("--idle-kill-timeout")
        {
            Description = "Seconds without input after which an egress session is ended; 0 for never (default)",
        };
        var warnLock = new Option<int>("--warn-before-lock") { Description = "Warn this many seconds before the idle lock; 0 for no warning (default)" };
        var warnKill = new Option<int>("--warn-before-kill") { Description = "Warn this many seconds before the idle kill; 0 for no warning (default)" };
        var command = new Command("install", "Prepare the SSH front door: entry program, sshd configuration, host keys, OS group and keys user (root)")
        {
            port, listen, configDir, libDir, socket, name, egressFrom, recordingMax, ingressFrom, ingressOverride, bastionCommand,
            interactiveMode, interactiveTimeout, maxInactiveDays, mfaPolicy, idleLock, idleKill, warnLock, warnKill,
        };
        command.SetAction(async (parseResult, ct) =>
        {
            RequireRoot("install the bastion");
            var config = Path.GetFullPath(parseResult.GetValue(configDir)!);
            var lib = Path.GetFullPath(parseResult.GetValue(libDir)!);
            IReadOnlyList<string>? from;
            long? maxOutput;
            IReadOnlyList<string>? ingress;
            try
            {
                ingress = parseResult.GetValue(ingressFrom) is { Length: > 0 } list ? BastionConfig.ParseAddressList(list, "--ingress-keys-from") : null;
                from = parseResult.GetValue(egressFrom) is { Length: > 0 } text ? BastionConfig.ParseAddressList(text, "--egress-keys-from") : null;
                maxOutput = parseResult.GetValue(recordingMax) is { Length: > 0 } bytes ? BastionConfig.ParseByteCount(bytes, "--recording-max-bytes") : null;
            }
            catch (InvalidOperationException e)
            {
                throw new CliException(e.Message);
            }

            var bastion = new BastionConfig(parseResult.GetValue(name)!, Path.GetFullPath(parseResult.GetValue(socket)!),
                Path.Combine(lib, "rampart-osh"), "rampart-users", parseResult.GetValue(port), from, maxOutput, ingress, parseResult.GetValue(ingressOverride),
                parseResult.GetValue(bastionCommand) is { Length: > 0 } reach ? reach : null,
                parseResult.GetValue(interactiveMode)!,
                parseResult.GetValue(interactiveTimeout) is >= 0 and var idle ? idle : throw new CliException("--interactive-mode-timeout must be 0 or more seconds"),
                parseResult.GetValue(maxInactiveDays) is >= 0 and var days ? days : throw new CliException("--account-max-inactive-days must be 0 or more days"),
                parseResult.GetValue(mfaPolicy)!,
                parseResult.GetValue(idleLock), parseResult.GetValue(idleKill), parseResult.GetValue(warnLock), parseResult.GetValue(warnKill));
            if (bastion.IdleProblem is { } idleProblem)
            {
                throw new CliException(idleProblem);
            }

            await SystemCommand.CheckedAsync("groupadd", ["--system", "--force", bastion.OsGroup], ct);
            if (!SystemCommand.Exists("/etc/passwd", KeysUser))
            {
                await SystemCommand.CheckedAsync("useradd", ["--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin",
                    "--groups", bastion.OsGroup, "--comment", "Rampart bastion ingress key lookups", KeysUser], ct);
            }

            InstallEntryProgram(lib, bastion.Socket);
            Directory.CreateDirectory(config, PublicExecutable);
            foreach (var (type, bits) in new[] { ("ed25519", ""), ("ecdsa", "521"), ("rsa", "4096") })
            {
                var key = Path.Combine(config, $"ssh_host_{type}_key");
                if (!File.Exists(key))
                {
                    await SystemCommand.CheckedAsync("ssh-keygen", ["-q", "-t", type, .. bits.Length > 0 ? new[] { "-b", bits } : [], "-N", "", "-C", $"rampart-bastion-{type}", "-f", key], ct);
                }
            }

            await File.WriteAllTextAsync(Path.Combine(config, "sshd_config"),
                FrontDoorFiles.SshdConfig(config, bastion.EntryProgram, parseResult.GetValue(listen)!, bastion.Port, bastion.OsGroup, KeysUser), ct);
            await File.WriteAllTextAsync(Path.Combine(config, "bastion.conf"), bastion.Format(), ct);
            EnsurePrivilegeSeparationDirectory();
            var check = await SystemCommand.RunAsync("/usr/sbin/sshd", ["-t", "-f", Path.Combine(config, "sshd_config")], ct);
            if (check.ExitCode != 0)
            {
                throw new CliException($"the generated sshd configuration does not pass `sshd -t`: {check.Output.Trim()}");
            }

            await Printer.LineAsync(Console.Out, $"""
                Bastion front door installed in {config} (port {bastion.Port}, entry program {bastion.EntryProgram}).
                Next:
                  rampart daemon --bastion-config {Path.Combine(config, "bastion.conf")}      (as root; it serves the bastion socket {bastion.Socket})
                  rampart bastion serve --config-dir {config}
                  rampart bastion bootstrap-admin NAME --key ~/.ssh/id_ed25519.pub
                """, ct);
            return 0;
        });
        return command;
    }

    private static Command Serve()
    {
        var port = new Option<int?>("--port") { Description = "Listen on this port instead of the configured one" };
        var configDir = ConfigDirectory();
        var command = new Command("serve", "Run the front door's sshd in the foreground, against the running daemon (root)") { port, configDir };
        command.SetAction(async (parseResult, ct) =>
        {
            RequireRoot("run the bastion's sshd");
            var config = Path.GetFullPath(parseResult.GetValue(configDir)!);
            var sshdConfig = Path.Combine(config, "sshd_config");
            if (!File.Exists(sshdConfig))
            {
                throw new CliException($"no front door in {config}: run `rampart bastion install` first");
            }

            EnsurePrivilegeSeparationDirectory();
            var start = new ProcessStartInfo("/usr/sbin/sshd") { UseShellExecute = false };
            foreach (var argument in new[] { "-D", "-e", "-f", sshdConfig })
            {
                start.ArgumentList.Add(argument);
            }

            if (parseResult.GetValue(port) is { } p)
            {
                start.ArgumentList.Add("-p");
                start.ArgumentList.Add(p.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            using var sshd = Process.Start(start) ?? throw new CliException("cannot start /usr/sbin/sshd");
            void Relay(PosixSignalContext signal)
            {
                signal.Cancel = true;
                Daemon.NativeSignals.Send(sshd.Id, signal.Signal);
            }

            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Relay);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Relay);
            await sshd.WaitForExitAsync(CancellationToken.None);
            return sshd.ExitCode;
        });
        return command;
    }

    private static Command BootstrapAdmin(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The admin account's name" };
        var key = new Option<string>("--key") { Description = "File holding the admin's SSH public key", Required = true };
        var uid = new Option<int?>("--uid") { Description = "The OS uid to give the account (default: the first free one from 2000)" };
        var command = new Command("bootstrap-admin", "Create the bastion's first admin, who holds every grant (local owner)") { name, key, uid };
        command.SetAction(async (parseResult, ct) =>
        {
            var keyFile = parseResult.GetValue(key)!;
            if (!File.Exists(keyFile))
            {
                throw new CliException($"no such key file: {keyFile}");
            }

            var publicKey = (await File.ReadAllTextAsync(keyFile, ct)).Trim();
            if (publicKey.Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                throw new CliException($"{keyFile} holds a private key: give the .pub file");
            }

            var answer = await context.Client.CallForObjectAsync("rampart/bastion/bootstrap-admin",
                new JsonObject { ["name"] = parseResult.GetValue(name), ["publicKey"] = publicKey, ["uid"] = parseResult.GetValue(uid) }, ct);
            if (context.WantsJson(parseResult))
            {
                await Printer.JsonAsync(context.Output, answer, ct);
            }
            else
            {
                await Printer.LineAsync(context.Output, $"admin account {answer["account"]} created (uid {answer["uid"]}, {answer["grants"]} grants)", ct);
            }

            return 0;
        });
        return command;
    }

    private static Option<string> ConfigDirectory() => new("--config-dir")
    {
        Description = "Where the front door's sshd configuration and host keys live (default /etc/rampart/bastion)",
        DefaultValueFactory = _ => "/etc/rampart/bastion",
    };

    private static void RequireRoot(string what)
    {
        if (Environment.UserName != "root")
        {
            throw new CliException($"only root can {what}");
        }
    }

    /// <summary>Copies the entry program into a root-owned directory: sshd runs it as AuthorizedKeysCommand only from a safe path.</summary>
    private static void InstallEntryProgram(string lib, string socket)
    {
        var source = EntryProgramDirectory();
        Directory.CreateDirectory(lib, PublicExecutable);
        File.SetUnixFileMode(lib, PublicExecutable);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(".pdb", StringComparison.Ordinal) || name.EndsWith(".dbg", StringComparison.Ordinal)
                || name.EndsWith(".xml", StringComparison.Ordinal) || name == "rampart-osh.conf")
            {
                continue;
            }

            var target = Path.Combine(lib, name);
            File.Copy(file, target, overwrite: true);
            File.SetUnixFileMode(target, name == "rampart-osh" ? PublicExecutable : Public);
        }

        var conf = Path.Combine(lib, "rampart-osh.conf");
        File.WriteAllText(conf, $"# Written by `rampart bastion install`: where the entry program finds the daemon.\nsocket={socket}\n");
        File.SetUnixFileMode(conf, Public);
    }

    /// <summary>
    /// Where to copy rampart-osh from: RAMPART_OSH_DIR, beside the CLI, or the repository's artifacts. There the native
    /// build (scripts/publish-native.sh) is preferred, unless the .NET build is newer: a stale native copy would
    /// install yesterday's entry program.
    /// </summary>
    private static string EntryProgramDirectory()
    {
        var here = AppContext.BaseDirectory.TrimEnd('/');
        var artifacts = Ancestors(here).FirstOrDefault(dir => Path.GetFileName(dir) == "artifacts");
        string? native = null, built = null;
        if (artifacts is not null)
        {
            // The CLI's own configuration when it runs from artifacts/bin, Release when it is the native one.
            var configuration = Path.GetFileName(Path.GetDirectoryName(here)) == "Rampart.Cli" ? Path.GetFileName(here) : "release";
            built = Path.Combine(artifacts, "bin", "Rampart.Bastion.Entry", configuration);
            native = Path.Combine(artifacts, "publish", "rampart-osh");
            var nativeIsCurrent = File.Exists(Path.Combine(native, "rampart-osh"))
                && (!File.Exists(Path.Combine(built, "rampart-osh.dll"))
                    || File.GetLastWriteTimeUtc(Path.Combine(native, "rampart-osh")) >= File.GetLastWriteTimeUtc(Path.Combine(built, "rampart-osh.dll")));
            native = nativeIsCurrent ? native : null;
        }

        var candidates = new[] { Environment.GetEnvironmentVariable("RAMPART_OSH_DIR"), here, native, built };
        return candidates.FirstOrDefault(dir => dir is not null && File.Exists(Path.Combine(dir, "rampart-osh")))
            ?? throw new CliException("cannot find the entry program rampart-osh (build Rampart.Bastion.Entry, or set RAMPART_OSH_DIR)");
    }

    private static IEnumerable<string> Ancestors(string directory)
    {
        for (var dir = directory; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            yield return dir;
        }
    }

    /// <summary>
    /// sshd (even <c>sshd -t</c>) needs its privilege separation directory, which lives on a tmpfs: it is missing after
    /// a reboot on machines where the system sshd does not run.
    /// </summary>
    private static void EnsurePrivilegeSeparationDirectory() =>
        Directory.CreateDirectory("/run/sshd", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
}
