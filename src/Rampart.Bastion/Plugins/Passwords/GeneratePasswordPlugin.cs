using System.Text.Json.Nodes;
using Rampart.Bastion.Accounts;
using Rampart.Bastion.Osh;
using Rampart.Core.Bastion.Model;
using Rampart.Core.Bastion.Passwords;

namespace Rampart.Bastion.Plugins.Passwords;

/// <summary>
/// <c>selfGeneratePassword</c>, <c>accountGeneratePassword</c> and <c>groupGeneratePassword</c>: a new egress password,
/// current at once (the previous ones stay as fallbacks, tried after it). Only its hashes are shown, for the devices;
/// the password itself is never shown to anyone. <c>--do-it</c> is required, as in The Bastion, since devices that still
/// have the old password are reached only through the fallbacks until it is deployed.
/// </summary>
public sealed class GeneratePasswordPlugin(PasswordOwner owner) : OshPlugin
{
    public override string Name => owner switch
    {
        PasswordOwner.Self => "selfGeneratePassword",
        PasswordOwner.Account => "accountGeneratePassword",
        _ => "groupGeneratePassword",
    };

    public override PluginCategory Category => owner switch
    {
        PasswordOwner.Self => PluginCategory.Open,
        PasswordOwner.Account => PluginCategory.Restricted,
        _ => PluginCategory.GroupOwner,
    };

    public override string Summary => owner switch
    {
        PasswordOwner.Self => "Generate a new egress password for your account",
        PasswordOwner.Account => "Generate a new egress password for an account",
        _ => "Generate a new egress password for the group",
    };

    public override IReadOnlyList<PluginOption> Options => owner switch
    {
        PasswordOwner.Self => [Number("size"), Switch("do-it")],
        PasswordOwner.Account => [Text("account"), Number("size"), Switch("do-it")],
        _ => [Text("group"), Number("size"), Switch("do-it")],
    };

    public override async Task<OshEnvelope> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var (account, group) = await TargetAsync(call, cancellationToken);
        var size = call.Options.Integer("size") ?? EgressPasswordText.DefaultSize;
        if (EgressPasswordText.SizeProblem(size) is { } problem)
        {
            return Fail("ERR_INVALID_PARAMETER", problem);
        }

        if (!call.Options.Flag("do-it"))
        {
            return Fail("ERR_MISSING_PARAMETER", "Missing mandatory parameter: please read the BEWARE note above.");
        }

        var password = EgressPasswords.Create(call.Services.Cipher, size, call.Caller.Name, call.Now);
        var stored = await call.Services.Directory.ChangeAsync(snapshot => (account, group) switch
        {
            ({ } name, _) when snapshot.Account(name) is { } current =>
                (snapshot.With(current with { EgressPasswords = EgressPasswords.Rotated(current.Passwords, password) }), true),
            (_, { } name) when snapshot.Group(name) is { } current =>
                (snapshot.With(current with { EgressPasswords = EgressPasswords.Rotated(current.Passwords, password) }), true),
            _ => (null, false),
        }, cancellationToken);
        if (!stored)
        {
            return Fail("KO_NOT_FOUND", $"{(account is null ? "Group " + group : "Account " + account)} no longer exists");
        }

        var whose = (owner, account, group) switch
        {
            (PasswordOwner.Self, _, _) => $"your account, {account}",
            (PasswordOwner.Account, _, _) => $"account {account}",
            _ => $"group {group}",
        };
        await call.SayAsync($"Generated a new password of length {size} for {whose}, hashes follow:\n", cancellationToken);
        foreach (var (name, hash) in password.Hashes.All)
        {
            await call.SayAsync($"{name,11}: {hash}", cancellationToken);
        }

        await call.SayAsync("\nThis new password will now be used by default.", cancellationToken);
        return Ok(new JsonObject
        {
            ["context"] = group is null ? "account" : "group",
            ["group"] = group,
            ["account"] = account,
            ["hashes"] = EgressPasswords.HashesJson(password.Hashes),
        });
    }

    /// <summary>The account or the group whose password changes, with The Bastion's checks.</summary>
    private async Task<(string? Account, string? Group)> TargetAsync(PluginCall call, CancellationToken cancellationToken)
    {
        switch (owner)
        {
            case PasswordOwner.Self:
                return (call.Caller.Name, null);
            case PasswordOwner.Account:
                return (call.ExistingAccount(call.Required("account")).Name, null);
            default:
                var group = call.ExistingGroup(call.Options.String("group")
                    ?? throw new PluginFailureException("ERR_MISSING_PARAMETER", "Expected a --group argument"));
                if (!group.Has(call.Caller.Name, GroupRole.Owner))
                {
                    if (!call.Caller.IsSuperOwner && !call.Caller.IsAdmin)
                    {
                        throw new PluginFailureException("ERR_NOT_ALLOWED", $"You're not a group owner of {group.Name}, dear {call.Caller.Name}");
                    }

                    await call.SayAsync($"SUPER OWNER OVERRIDE: you are not an owner of group {group.Name}, but a superowner", cancellationToken);
                }

                return (null, group.Name);
        }
    }
}
