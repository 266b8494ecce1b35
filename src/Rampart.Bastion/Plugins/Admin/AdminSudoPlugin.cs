using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Rampart.Bastion.Dispatch;
using Rampart.Bastion.Osh;
using Rampart.Core.Audit;

namespace Rampart.Bastion.Plugins.Admin;

/// <summary>
/// <c>adminSudo</c>: an admin runs a plugin as another account (<c>--osh adminSudo -- --sudo-as ACCOUNT --sudo-cmd
/// PLUGIN -- [PLUGIN OPTIONS]</c>), as The Bastion's, to see or fix what that account sees. The run is the other
/// account's: its login checks, its grants (a plugin it may not run is refused), its session row; and the admin's
/// <c>admin-sudo</c> audit record says who did it. Factors already given by the admin do not stand for the other
/// account's. The value is the run's exit status and its output lines.
/// </summary>
public sealed class AdminSudoPlugin : OshPlugin
{
    public override string Name => "adminSudo";

    public override PluginCategory Category => PluginCategory.Admin;

    public override string Summary => "Impersonate another user";

    public override PluginTraits Traits => PluginTraits.AllowUnknownOptions;

    public override IReadOnlyList<PluginOption> Options => [Text("sudo-as"), Text("sudo-cmd")];

    public override string Usage => """
        Usage: --osh adminSudo -- --sudo-as ACCOUNT <--sudo-cmd PLUGIN -- [PLUGIN specific options...]>

          --sudo-as ACCOUNT  Specify which bastion account we want to impersonate
          --sudo-cmd PLUGIN  --osh command we want to launch as the user (see --osh help)

        Example:

          --osh adminSudo -- --sudo-as user12 --sudo-cmd info -- --name somebodyelse
        """;

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Options.String("sudo-as") is not { Length: > 0 } sudoAs || call.Options.String("sudo-cmd") is not { Length: > 0 } sudoCmd)
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing mandatory parameter 'sudo-as' or 'sudo-cmd'");
        }

        var account = call.ExistingAccount(sudoAs);
        if (call.Registry.Find(sudoCmd) is not { } plugin)
        {
            return Fail("KO_UNKNOWN_COMMAND", $"Unknown command '{sudoCmd}'");
        }

        if (PluginRegistry.Refusal(plugin, account, call.Snapshot) is { } refusal)
        {
            return Fail("KO_RESTRICTED_COMMAND", $"Account {account.Name} can't run {plugin.Name}: {refusal}");
        }

        var line = new StringBuilder(" --osh ").Append(plugin.Name);
        if (call.Invocation.Host is { } host)
        {
            line.Append(" --host ").Append(host);
        }

        if (call.Invocation.Port is { } port)
        {
            line.Append(" --port ").Append(port.ToString(CultureInfo.InvariantCulture));
        }

        if (call.Invocation.User is { } user)
        {
            line.Append(" --user ").Append(user);
        }

        foreach (var word in call.Options.Positionals)
        {
            line.Append(' ').Append(ShellWords.Quote(word));
        }

        var command = line.ToString();
        call.Services.Audit.Record(new AuditEvent(call.Now, "bastion:" + call.Caller.Name, call.SourceIp ?? "local", "admin-sudo", account.Name, "ok",
            $"plugin {plugin.Name}:{command}"));
        await call.Terminal.WriteErrorLineAsync($"ADMIN SUDO: {call.Caller.Name}, you'll now impersonate {account.Name}, this has been logged.", cancellationToken);
        var terminal = new CopyingTerminal(call.Terminal, forward: true, withStdin: true);
        var status = await call.RunShellLine(account, command, terminal, cancellationToken);
        return Ok(new JsonObject
        {
            ["sysret"] = status,
            ["stdout"] = new JsonArray([.. CopyingTerminal.Lines(terminal.Stdout).Select(l => (JsonNode?)l)]),
            ["stderr"] = new JsonArray([.. CopyingTerminal.Lines(terminal.Stderr).Select(l => (JsonNode?)l)]),
        });
    }
}
