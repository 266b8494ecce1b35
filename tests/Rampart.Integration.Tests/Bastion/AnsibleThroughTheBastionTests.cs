using System.Diagnostics;
using System.Globalization;
using Rampart.Integration.Tests.Infrastructure;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// Ansible through the bastion, the way teams run it through The Bastion: Ansible's <c>ssh_executable</c> is a wrapper
/// that logs in to the bastion as the account and names the real target after <c>--</c>
/// (<c>-q --never-escape --user U --port P HOST -- COMMAND</c>, the shape of OVH's ansible wrapper). Modules travel on
/// the egress session's stdin (pipelining) and files as piped transfers, each one a recorded, audited session.
/// </summary>
public sealed class AnsibleThroughTheBastionTests(EgressFixture fixture) : IClassFixture<EgressFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway.Gateway;

    private static bool HasAnsible => File.Exists("/usr/bin/ansible");

    [Fact]
    public async Task AnsibleModulesAndFileCopiesRunThroughTheBastion_AndADeniedHostFails()
    {
        Assert.SkipUnless(BastionGateway.CanRun && HasAnsible, "needs root, sshd, useradd and ansible");
        var (member, key) = await Gateway.CreateAccountAsync(Ct);
        await fixture.GroupWithServerAsync(member, Ct);
        using var work = new TempDirectory();
        var wrapper = work.Combine("ssh-through-bastion");
        await File.WriteAllTextAsync(wrapper, Wrapper(member, key), Ct);
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var port = fixture.Target!.Port.ToString(CultureInfo.InvariantCulture);
        var targetUser = fixture.TargetUser!.Name;
        await File.WriteAllTextAsync(work.Combine("hosts"),
            $"granted ansible_host=127.0.0.1 ansible_port={port} ansible_user={targetUser}\n"
            + $"denied ansible_host=127.0.0.1 ansible_port={port} ansible_user=root\n", Ct);

        var ping = await AnsibleAsync(work, wrapper, "granted", "-m", "ping");
        Assert.True(ping.Code == 0, ping.Output);
        Assert.Contains("\"ping\": \"pong\"", ping.Output, StringComparison.Ordinal);

        var whoami = await AnsibleAsync(work, wrapper, "granted", "-m", "command", "-a", "id -un");
        Assert.True(whoami.Code == 0, whoami.Output);
        Assert.Contains(targetUser, whoami.Output, StringComparison.Ordinal);

        // A file copy: ansible pipes the file through the session's stdin (dd), then checks and moves it in place.
        var content = "through the bastion " + Guid.NewGuid().ToString("N");
        var copy = await AnsibleAsync(work, wrapper, "granted", "-m", "copy", "-a", $"content='{content}' dest=~/ansible-copy.txt mode=0600");
        Assert.True(copy.Code == 0, copy.Output);
        var home = (await AnsibleAsync(work, wrapper, "granted", "-m", "command", "-a", "cat ansible-copy.txt")).Output;
        Assert.Contains(content, home, StringComparison.Ordinal);

        // The same account has no access as root: that host fails, and only that one.
        var both = await AnsibleAsync(work, wrapper, "all", "-m", "command", "-a", "true");
        Assert.NotEqual(0, both.Code);
        Assert.Matches("granted \\| CHANGED", both.Output);
        Assert.Matches("denied \\| (FAILED|UNREACHABLE)", both.Output);

        // Every step was one egress session of the account's, recorded; the denied one was refused.
        var sessions = await Gateway.SshAsync(member, key, "--json-greppable --osh selfListSessions --type ssh", null, Ct);
        var rows = sessions.Json["value"]!.AsArray();
        Assert.True(rows.Count >= 5, sessions.ToString());
        Assert.Contains(rows, row => row!["user"]!.GetValue<string>() == "root" && row["allowed"]!.GetValue<int>() == 0);
    }

    /// <summary>
    /// Ansible calls <c>WRAPPER [ssh options] HOST COMMAND</c>. Its <c>User=</c> and <c>Port=</c> options name the
    /// target's user and port, so they go to the bastion after <c>--</c>; every other option is for the ssh to the bastion.
    /// </summary>
    private string Wrapper(string account, string key) => $$"""
        #!/bin/bash
        set -u
        args=("$@")
        count=$#
        host=${args[count-2]}
        command=${args[count-1]}
        options=()
        user=
        port=22
        i=0
        while [ "$i" -lt $((count - 2)) ]; do
          if [ "${args[i]}" = "-o" ]; then
            case "${args[i+1]}" in
              User=*) user=${args[i+1]#User=}; user=${user//\"/}; i=$((i + 2)); continue ;;
              Port=*) port=${args[i+1]#Port=}; i=$((i + 2)); continue ;;
            esac
          fi
          options+=("${args[i]}")
          i=$((i + 1))
        done
        exec ssh "${options[@]}" -o User={{account}} -o Port={{Gateway.Port.ToString(CultureInfo.InvariantCulture)}} -i '{{key}}' \
          -o IdentitiesOnly=yes -o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=no -o LogLevel=ERROR \
          127.0.0.1 -- -q --never-escape --user "$user" --port "$port" "$host" -- "$command"

        """;

    private static async Task<(int Code, string Output)> AnsibleAsync(TempDirectory work, string wrapper, string pattern, params string[] arguments)
    {
        var start = new ProcessStartInfo("ansible") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[pattern, "-i", work.Combine("hosts"), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = work.Path;
        start.Environment["ANSIBLE_SSH_EXECUTABLE"] = wrapper;
        start.Environment["ANSIBLE_SSH_CONTROL_PATH_DIR"] = work.Combine("cp");
        start.Environment["ANSIBLE_LOCAL_TEMP"] = work.Combine("tmp");
        start.Environment["ANSIBLE_PIPELINING"] = "True";
        start.Environment["ANSIBLE_SSH_TRANSFER_METHOD"] = "piped";
        start.Environment["ANSIBLE_HOST_KEY_CHECKING"] = "False";
        start.Environment["ANSIBLE_PYTHON_INTERPRETER"] = "/usr/bin/python3";
        start.Environment["ANSIBLE_NOCOLOR"] = "1";
        start.Environment["ANSIBLE_TIMEOUT"] = "30";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromMinutes(2), Ct);
        return (process.ExitCode, await output + await error);
    }
}
