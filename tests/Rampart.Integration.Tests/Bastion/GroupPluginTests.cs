namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// The group plugins that manage groups and roles (groupCreate, groupList, groupInfo, the role plugins,
/// groupTransmitOwnership, groupModify, groupDestroy, groupDelete) through real ssh, checked against the reference's
/// codes, value shapes and idempotency, for good and bad input and for callers with and without the needed role.
/// </summary>
public sealed class GroupPluginTests(BastionGatewayFixture fixture) : IClassFixture<BastionGatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway;

    private static string GroupFor(TestAccount account, string suffix = "") => "tg" + account.Name[3..] + suffix;

    private async Task<string> CreateGroupAsync(TestAccount owner, string suffix = "")
    {
        var group = GroupFor(owner, suffix);
        (await Gateway.AdminOshAsync($"groupCreate --group {group} --owner {owner.Name} --no-key", Ct)).IsOk();
        return group;
    }

    [Fact]
    public async Task GroupCreate_RefusesMissingOptionsBadNamesAndBadKeysWithTheReferenceCodes()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);
        var group = GroupFor(owner);

        (await Gateway.AdminOshAsync($"groupCreate --owner {owner.Name} --no-key", Ct)).Fails("ERR_MISSING_PARAMETER", "groupCreate");
        (await Gateway.AdminOshAsync($"groupCreate --group {group} --no-key", Ct)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.AdminOshAsync($"groupCreate --group {group} --owner {owner.Name}", Ct)).Fails("ERR_MISSING_PARAMETER");

        // Only ed25519 has an implicit size: the reference asks for --size with the others.
        (await Gateway.AdminOshAsync($"groupCreate --group {group} --owner {owner.Name} --algo rsa", Ct)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.AdminOshAsync($"groupCreate --group {group} --owner {owner.Name} --algo ecdsa", Ct)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.AdminOshAsync($"groupCreate --group {group} --owner {owner.Name} --no-key --size 256", Ct)).Fails("ERR_INVALID_PARAMETER");
        (await Gateway.AdminOshAsync($"groupCreate --group {group} --owner {owner.Name} --algo dsa --size 1024", Ct)).Fails("KO_NOT_SUPPORTED");
        (await Gateway.AdminOshAsync($"groupCreate --group {group} --owner {owner.Name} --algo ecdsa --size 300", Ct)).Fails("KO_KEY_SIZE_INVALID");
        (await Gateway.AdminOshAsync($"groupCreate --group {group} --owner {owner.Name} --algo ed25519 --size 512", Ct)).Fails("KO_KEY_SIZE_INVALID");
        (await Gateway.AdminOshAsync($"groupCreate --group {group} --owner {owner.Name} --algo rsa --size 1024", Ct)).Fails("KO_KEY_SIZE_TOO_SMALL");

        // Names: is_valid_group's own codes come through, the plugin-level 'key' prefix check is ERR_INVALID_PARAMETER.
        (await Gateway.AdminOshAsync($"groupCreate --group key{group} --owner {owner.Name} --no-key", Ct)).Fails("ERR_INVALID_PARAMETER");
        (await Gateway.AdminOshAsync($"groupCreate --group bad+name --owner {owner.Name} --no-key", Ct)).Fails("KO_FORBIDDEN_NAME");
        (await Gateway.AdminOshAsync($"groupCreate --group root --owner {owner.Name} --no-key", Ct)).Fails("KO_FORBIDDEN_NAME");
        (await Gateway.AdminOshAsync($"groupCreate --group .{group} --owner {owner.Name} --no-key", Ct)).Fails("KO_FORBIDDEN_PREFIX");
        (await Gateway.AdminOshAsync($"groupCreate --group {group}-owner --owner {owner.Name} --no-key", Ct)).Fails("KO_FORBIDDEN_SUFFIX");
        (await Gateway.AdminOshAsync($"groupCreate --group {group}gatekeeper --owner {owner.Name} --no-key", Ct)).Fails("KO_FORBIDDEN_SUFFIX");
        (await Gateway.AdminOshAsync($"groupCreate --group {group}-tty --owner {owner.Name} --no-key", Ct)).Fails("KO_FORBIDDEN_SUFFIX");
        (await Gateway.AdminOshAsync($"groupCreate --group {group}0123456789ab --owner {owner.Name} --no-key", Ct)).Fails("KO_NAME_TOO_LONG");
        (await Gateway.AdminOshAsync($"groupCreate --group {group} --owner rtbnobody --no-key", Ct)).Fails("KO_NOT_FOUND");
        (await Gateway.AdminOshAsync($"groupCreate --group {owner.Name} --owner {owner.Name} --no-key", Ct)).Fails("KO_ALREADY_EXISTING");

        // Nothing above created the group.
        (await Gateway.AdminOshAsync($"groupInfo --group {group}", Ct)).Fails("KO_GROUP_NOT_FOUND");

        // A plain account isn't granted groupCreate: the shell refuses.
        (await Gateway.OshAsync(owner, $"groupCreate --group {group} --owner {owner.Name} --no-key", Ct)).IsRestricted();
    }

    [Fact]
    public async Task GroupCreate_MakesTheOwnerHoldEveryRoleAndReturnsTheKeyOfTheAlgorithmAsked()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);

        var maxLength = "g" + owner.Name[3..] + "0123456789a";
        Assert.Equal(18, maxLength.Length);
        var longest = (await Gateway.AdminOshAsync($"groupCreate --group {maxLength} --owner {owner.Name} --no-key", Ct)).IsOk();
        Assert.Equal(maxLength, longest.Value().Text("group"));
        Assert.Equal(owner.Name, longest.Value().Text("owner"));
        Assert.Null(longest.Value()!["public_key"]);

        var awkward = "T." + owner.Name[3..] + "_x-1";
        Assert.Equal(awkward, (await Gateway.AdminOshAsync($"groupCreate --group {awkward} --owner {owner.Name} --no-key", Ct)).IsOk().Value().Text("group"));

        foreach (var (suffix, options, family, size) in new[]
        {
            ("e", "--algo ed25519", "ED25519", 256),
            ("c", "--algo ecdsa --size 256", "ECDSA", 256),
            ("C", "--algo ECDSA --size 384", "ECDSA", 384),
            ("r", "--algo rsa --size 2048", "RSA", 2048),
        })
        {
            var group = GroupFor(owner, suffix);
            var created = (await Gateway.AdminOshAsync($"groupCreate --group {group} --owner {owner.Name} {options}", Ct)).IsOk();
            Assert.Equal("groupCreate", created.Json["command"]!.GetValue<string>());
            var key = created.Value()!["public_key"]!;
            Assert.Equal(family, key.Text("family"));
            Assert.Equal(size, key["size"]!.GetValue<int>());
            Assert.StartsWith("SHA256:", key.Text("fingerprint"), StringComparison.Ordinal);

            // The group's keys are the one generated; the owner holds the four roles, nobody is a guest.
            var info = (await Gateway.OshAsync(owner, $"groupInfo --group {group}", Ct)).IsOk().Value()!;
            Assert.Equal([key.Text("fingerprint")!], info["keys"].Keys());
            foreach (var role in new[] { "owners", "gatekeepers", "aclkeepers", "members" })
            {
                Assert.Equal([owner.Name], info[role].Strings());
            }

            Assert.Empty(info["guests"]!.AsArray());
            (await Gateway.AdminOshAsync($"groupCreate --group {group} --owner {owner.Name} {options}", Ct)).Fails("KO_ALREADY_EXISTING");
        }
    }

    [Fact]
    public async Task GroupList_ShowsTheCallersRolesInOrder_AllAddsNoAccess_FiltersContainAndExcludeWins()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);
        var other = await Gateway.NewAccountAsync(Ct);

        // No role anywhere: OK_EMPTY and a null value, with or without --all filtered to nothing.
        var none = (await Gateway.OshAsync(other, "groupList", Ct)).Is(0, "OK_EMPTY");
        Assert.Null(none.Value());

        var owned = await CreateGroupAsync(owner, "a");
        var gatekept = await CreateGroupAsync(owner, "b");
        var foreign = await CreateGroupAsync(other, "c");
        (await Gateway.AdminOshAsync($"groupAddGatekeeper --group {gatekept} --account {other.Name}", Ct)).IsOk();
        (await Gateway.AdminOshAsync($"groupAddAclkeeper --group {gatekept} --account {other.Name}", Ct)).IsOk();
        (await Gateway.AdminOshAsync($"groupDelMember --group {foreign} --account {other.Name}", Ct)).IsOk();

        var mine = (await Gateway.OshAsync(other, "groupList", Ct)).IsOk().Value()!;
        Assert.Equal(new[] { foreign, gatekept }.Order(StringComparer.Ordinal), mine.Keys().Order(StringComparer.Ordinal));
        Assert.Equal(["gatekeeper", "aclkeeper"], mine[gatekept]!["flags"].Strings());
        Assert.Equal(["owner", "gatekeeper", "aclkeeper"], mine[foreign]!["flags"].Strings());

        var all = (await Gateway.OshAsync(other, $"groupList --all --include {owner.Name[3..]}", Ct)).IsOk().Value()!;
        Assert.Equal(new[] { gatekept, owned }.Order(StringComparer.Ordinal), all.Keys().Order(StringComparer.Ordinal));
        Assert.Equal(["no-access"], all[owned]!["flags"].Strings());

        // A pattern without wildcards means "contains"; with wildcards it is anchored; --exclude wins over --include.
        var middle = owner.Name[4..8];
        Assert.Equal(new[] { gatekept, owned }.Order(StringComparer.Ordinal), (await Gateway.OshAsync(owner, $"groupList --include {middle}", Ct)).IsOk().Value().Keys().Order(StringComparer.Ordinal));
        Assert.Equal([owned], (await Gateway.OshAsync(owner, $"groupList --include 'tg*a'", Ct)).IsOk().Value().Keys());
        Assert.Equal([owned], (await Gateway.OshAsync(owner, $"groupList --include {middle} --exclude '*b'", Ct)).IsOk().Value().Keys());
        Assert.Equal([owned], (await Gateway.OshAsync(owner, $"groupList --include {owned} --include {gatekept} --exclude {gatekept}", Ct)).IsOk().Value().Keys());
        (await Gateway.OshAsync(owner, "groupList --include nothing-like-this", Ct)).Is(0, "OK_EMPTY");
        (await Gateway.OshAsync(owner, "groupList --bogus", Ct)).Fails("ERR_BAD_OPTIONS", "groupList");
    }

    [Fact]
    public async Task GroupInfo_ShowsEachCallerWhatTheReferenceShows()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);
        var member = await Gateway.NewAccountAsync(Ct);
        var guest = await Gateway.NewAccountAsync(Ct);
        var stranger = await Gateway.NewAccountAsync(Ct);
        var group = GroupFor(owner);
        var key = (await Gateway.AdminOshAsync($"groupCreate --group {group} --owner {owner.Name} --algo ed25519", Ct)).IsOk().Value()!["public_key"]!;
        (await Gateway.OshAsync(owner, $"groupAddMember --group {group} --account {member.Name}", Ct)).IsOk();
        (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host 10.201.0.1 --user root --port 22 --force", Ct)).IsOk();
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess --group {group} --account {guest.Name} --host 10.201.0.1 --user root --port 22", Ct)).IsOk();

        // Those involved (here: a member) see every role, guests with their number of accesses, and the policies.
        var full = (await Gateway.OshAsync(member, $"groupInfo --group {group}", Ct)).IsOk().Value()!;
        Assert.Equal(group, full.Text("group"));
        Assert.Equal([owner.Name], full["owners"].Strings());
        Assert.Equal([owner.Name], full["gatekeepers"].Strings());
        Assert.Equal([owner.Name], full["aclkeepers"].Strings());
        Assert.Equal(new[] { owner.Name, member.Name }.Order(StringComparer.Ordinal), full["members"].Strings().Order(StringComparer.Ordinal));
        Assert.Equal([guest.Name], full["guests"].Strings());
        Assert.Equal(1, full["guests_accesses"]![guest.Name]!.GetValue<int>());
        Assert.Empty(full["inactive"]!.AsArray());
        Assert.Null(full["mfa_required"]);
        var shownKey = full["keys"]![key.Text("fingerprint")!]!;
        Assert.Equal((key.Text("base64"), "ED25519"), (shownKey.Text("base64"), shownKey.Text("family")));

        // A stranger and a guest (a guest is not "involved") see owners, gatekeepers and keys only.
        foreach (var outsider in new[] { stranger, guest })
        {
            var limited = (await Gateway.OshAsync(outsider, $"groupInfo --group {group}", Ct)).IsOk().Value()!;
            Assert.Equal(["gatekeepers", "group", "keys", "owners"], limited.Keys().Order(StringComparer.Ordinal));
            Assert.Equal([owner.Name], limited["owners"].Strings());
            Assert.Equal([key.Text("fingerprint")!], limited["keys"].Keys());
        }

        // --without-keys drops the keys; --with-keys and --without-everything/--with-everything toggle them.
        Assert.Null((await Gateway.OshAsync(member, $"groupInfo --group {group} --without-keys", Ct)).IsOk().Value()!["keys"]);
        Assert.Null((await Gateway.OshAsync(member, $"groupInfo --group {group} --without-everything", Ct)).IsOk().Value()!["keys"]);
        Assert.NotNull((await Gateway.OshAsync(member, $"groupInfo --group {group} --with-everything", Ct)).IsOk().Value()!["keys"]);
        Assert.NotNull((await Gateway.OshAsync(member, $"groupInfo --group {group} --with-keys", Ct)).IsOk().Value()!["keys"]);

        // The system name keyG designates the same group, as in the reference.
        Assert.Equal(group, (await Gateway.OshAsync(member, $"groupInfo --group key{group}", Ct)).IsOk().Value().Text("group"));

        var missing = (await Gateway.OshAsync(stranger, "groupInfo", Ct)).Fails("ERR_MISSING_PARAMETER", "groupInfo");
        Assert.Null(missing.Value());
        (await Gateway.OshAsync(stranger, $"groupInfo --group {group}x", Ct)).Fails("KO_GROUP_NOT_FOUND");
        (await Gateway.OshAsync(stranger, "groupInfo --group bad+name", Ct)).Fails("KO_FORBIDDEN_NAME");
        (await Gateway.OshAsync(stranger, "groupInfo --all", Ct)).Fails("ERR_ACCESS_DENIED");

        // Auditors see everything, and may dump every group keyed by name.
        (await Gateway.AdminOshAsync($"accountGrantCommand --account {stranger.Name} --command auditor", Ct)).IsOk();
        Assert.Equal([guest.Name], (await Gateway.OshAsync(stranger, $"groupInfo --group {group}", Ct)).IsOk().Value()!["guests"].Strings());
        var everything = (await Gateway.OshAsync(stranger, "groupInfo --all --without-keys", Ct)).IsOk().Value()!;
        Assert.Equal(group, everything[group]!.Text("group"));
        Assert.Equal([guest.Name], everything[group]!["guests"].Strings());
        Assert.Null(everything[group]!["keys"]);
    }

    [Fact]
    public async Task RoleChanges_AreIdempotent_AndRefusedByTheShellOrThePluginDependingOnWhereTheCallerHoldsTheRole()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);
        var target = await Gateway.NewAccountAsync(Ct);
        var outsider = await Gateway.NewAccountAsync(Ct);
        var group = await CreateGroupAsync(owner);
        var elsewhere = await CreateGroupAsync(outsider, "x");

        foreach (var role in new[] { "Owner", "Gatekeeper", "Aclkeeper", "Member" })
        {
            var list = role.ToLowerInvariant() + "s";
            var added = (await Gateway.OshAsync(owner, $"groupAdd{role} --group {group} --account {target.Name}", Ct)).IsOk();
            Assert.Equal("groupAdd" + role, added.Json["command"]!.GetValue<string>());
            Assert.Null(added.Value());
            var again = (await Gateway.OshAsync(owner, $"groupAdd{role} --group {group} --account {target.Name}", Ct)).Is(0, "OK_NO_CHANGE");
            Assert.Null(again.Value());
            Assert.Contains(target.Name, (await Gateway.OshAsync(owner, $"groupInfo --group {group}", Ct)).IsOk().Value()![list].Strings());

            Assert.Null((await Gateway.OshAsync(owner, $"groupDel{role} --group {group} --account {target.Name}", Ct)).IsOk().Value());
            (await Gateway.OshAsync(owner, $"groupDel{role} --group {group} --account {target.Name}", Ct)).Is(0, "OK_NO_CHANGE");
            Assert.DoesNotContain(target.Name, (await Gateway.OshAsync(owner, $"groupInfo --group {group}", Ct)).IsOk().Value()![list].Strings());

            // Bad input: missing options, unknown account, unknown group (the same code for all four roles, so checked
            // for one of each category).
            if (role is "Owner" or "Member")
            {
                await BadRoleInputAsync(owner, role, group, target);
            }

            // Holding the needed role in another group only: the plugin refuses for this group.
            var needed = role == "Member" ? "GATEKEEPER" : "OWNER";
            (await Gateway.OshAsync(outsider, $"groupAdd{role} --group {group} --account {target.Name}", Ct)).Fails("ERR_NOT_GROUP_" + needed);
            (await Gateway.OshAsync(outsider, $"groupDel{role} --group {group} --account {owner.Name}", Ct)).Fails("ERR_NOT_GROUP_" + needed);

            // Holding it nowhere: the shell refuses before the plugin runs.
            (await Gateway.OshAsync(target, $"groupAdd{role} --group {group} --account {target.Name}", Ct)).IsRestricted();
        }

        // A gatekeeper who owns nothing manages members but may not touch owners: the shell refuses that.
        (await Gateway.OshAsync(owner, $"groupAddGatekeeper --group {group} --account {target.Name}", Ct)).IsOk();
        (await Gateway.OshAsync(target, $"groupAddMember --group {group} --account {outsider.Name}", Ct)).IsOk();
        (await Gateway.OshAsync(target, $"groupAddOwner --group {group} --account {target.Name}", Ct)).IsRestricted();
        (await Gateway.OshAsync(target, $"groupAddMember --group {elsewhere} --account {target.Name}", Ct)).Fails("ERR_NOT_GROUP_GATEKEEPER");

        // The reference doesn't protect the last owner: removing it works, and the group is left without owners.
        var lonely = await CreateGroupAsync(target, "l");
        (await Gateway.OshAsync(target, $"groupDelOwner --group {lonely} --account {target.Name}", Ct)).IsOk();
        Assert.Empty((await Gateway.OshAsync(target, $"groupInfo --group {lonely}", Ct)).IsOk().Value()!["owners"]!.AsArray());
    }

    private async Task BadRoleInputAsync(TestAccount caller, string role, string group, TestAccount target)
    {
        (await Gateway.OshAsync(caller, $"groupAdd{role} --group {group}", Ct)).Fails("ERR_MISSING_PARAMETER", "groupAdd" + role);
        (await Gateway.OshAsync(caller, $"groupAdd{role} --account {target.Name}", Ct)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.OshAsync(caller, $"groupDel{role} --group {group} --account rtbnobody", Ct)).Fails("KO_NOT_FOUND");
        (await Gateway.OshAsync(caller, $"groupAdd{role} --group {group}nope --account {target.Name}", Ct)).Fails("KO_GROUP_NOT_FOUND");
        (await Gateway.OshAsync(caller, $"groupAdd{role} --group bad+name --account {target.Name}", Ct)).Fails("KO_FORBIDDEN_NAME");
        (await Gateway.OshAsync(caller, $"groupAdd{role} --group {group} --account {target.Name} --bogus", Ct)).Fails("ERR_BAD_OPTIONS");
    }

    [Fact]
    public async Task GroupTransmitOwnership_HandsOverAndTheFormerOwnerLosesTheRole()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);
        var heir = await Gateway.NewAccountAsync(Ct);
        var group = await CreateGroupAsync(owner);

        (await Gateway.OshAsync(owner, $"groupTransmitOwnership --group {group}", Ct)).Fails("ERR_MISSING_PARAMETER", "groupTransmitOwnership");
        (await Gateway.OshAsync(owner, $"groupTransmitOwnership --group {group} --account rtbnobody", Ct)).Fails("KO_NOT_FOUND");
        (await Gateway.OshAsync(owner, $"groupTransmitOwnership --group {group}nope --account {heir.Name}", Ct)).Fails("KO_GROUP_NOT_FOUND");
        (await Gateway.OshAsync(owner, $"groupTransmitOwnership --group {group} --account {owner.Name}", Ct)).Is(0, "OK_NO_CHANGE");
        (await Gateway.OshAsync(heir, $"groupTransmitOwnership --group {group} --account {heir.Name}", Ct)).IsRestricted();

        var handed = (await Gateway.OshAsync(owner, $"groupTransmitOwnership --group {group} --account {heir.Name}", Ct)).IsOk();
        Assert.Null(handed.Value());
        var info = (await Gateway.OshAsync(heir, $"groupInfo --group {group}", Ct)).IsOk().Value()!;
        Assert.Equal([heir.Name], info["owners"].Strings());

        // Only the owner role moved: the former owner is still gatekeeper, aclkeeper and member, the heir nothing else.
        Assert.Equal([owner.Name], info["gatekeepers"].Strings());
        Assert.Equal([owner.Name], info["members"].Strings());

        // The former owner owns nothing anymore, so the shell refuses owner commands; the heir now may.
        (await Gateway.OshAsync(owner, $"groupTransmitOwnership --group {group} --account {owner.Name}", Ct)).IsRestricted();
        (await Gateway.OshAsync(heir, $"groupAddOwner --group {group} --account {owner.Name}", Ct)).IsOk();
    }

    [Fact]
    public async Task GroupModify_ChangesEachPolicy_ReportsEachChange_AndRefusesBadValues()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);
        var outsider = await Gateway.NewAccountAsync(Ct);
        var group = await CreateGroupAsync(owner);
        await CreateGroupAsync(outsider, "o");

        var mfa = (await Gateway.OshAsync(owner, $"groupModify --group {group} --mfa-required totp", Ct)).IsOk().Value()!;
        Assert.Equal(["mfa_required"], mfa.Keys());
        Assert.Equal("OK", mfa["mfa_required"].Text("error_code"));
        Assert.Equal("OK_NO_CHANGE", (await Gateway.OshAsync(owner, $"groupModify --group {group} --mfa-required totp", Ct)).IsOk().Value()!["mfa_required"].Text("error_code"));

        var several = (await Gateway.OshAsync(owner, $"groupModify --group {group} --guest-ttl-limit 1h --idle-lock-timeout 10m --idle-kill-timeout 0", Ct)).IsOk().Value()!;
        Assert.Equal(["guest_ttl_limit", "idle_kill_timeout", "idle_lock_timeout"], several.Keys().Order(StringComparer.Ordinal));
        Assert.All(several.AsObject(), change => Assert.Equal("OK", change.Value.Text("error_code")));

        // groupInfo shows the policies as the reference reads them back: strings of seconds, 0 meaning "disabled here".
        var info = (await Gateway.OshAsync(owner, $"groupInfo --group {group}", Ct)).IsOk().Value()!;
        Assert.Equal("totp", info.Text("mfa_required"));
        Assert.Equal("3600", info.Text("guest_ttl_limit"));
        Assert.Equal("600", info.Text("idle_lock_timeout"));
        Assert.Equal("0", info.Text("idle_kill_timeout"));

        // none, 0 (guest TTL) and -1 (idle timeouts) remove the setting.
        (await Gateway.OshAsync(owner, $"groupModify --group {group} --mfa-required none --guest-ttl-limit 0 --idle-lock-timeout -1 --idle-kill-timeout -1", Ct)).IsOk();
        info = (await Gateway.OshAsync(owner, $"groupInfo --group {group}", Ct)).IsOk().Value()!;
        foreach (var removed in new[] { "mfa_required", "guest_ttl_limit", "idle_lock_timeout", "idle_kill_timeout" })
        {
            Assert.Null(info[removed]);
        }

        (await Gateway.OshAsync(owner, $"groupModify --group {group}", Ct)).Fails("ERR_MISSING_PARAMETER", "groupModify");
        (await Gateway.OshAsync(owner, "groupModify --mfa-required any", Ct)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.OshAsync(owner, $"groupModify --group {group} --mfa-required sometimes", Ct)).Fails("ERR_INVALID_PARAMETER");
        (await Gateway.OshAsync(owner, $"groupModify --group {group} --guest-ttl-limit -1", Ct)).Fails("ERR_INVALID_PARAMETER");
        (await Gateway.OshAsync(owner, $"groupModify --group {group} --guest-ttl-limit soon", Ct)).Fails("KO_INVALID_PARAMETER");
        (await Gateway.OshAsync(owner, $"groupModify --group {group} --idle-lock-timeout 5x", Ct)).Fails("KO_INVALID_PARAMETER");
        (await Gateway.OshAsync(owner, $"groupModify --group {group} --description hello", Ct)).Fails("ERR_BAD_OPTIONS");
        (await Gateway.OshAsync(owner, $"groupModify --group {group}nope --mfa-required any", Ct)).Fails("KO_GROUP_NOT_FOUND");
        (await Gateway.OshAsync(outsider, $"groupModify --group {group} --mfa-required any", Ct)).Fails("ERR_NOT_GROUP_OWNER");

        // A refused change changed nothing.
        Assert.Null((await Gateway.OshAsync(owner, $"groupInfo --group {group}", Ct)).IsOk().Value()!["mfa_required"]);
    }

    [Fact]
    public async Task GroupDestroy_AsksForTheGroupName_OnlyForOwners_AndReturnsTheSystemName()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);
        var outsider = await Gateway.NewAccountAsync(Ct);
        var plain = await Gateway.NewAccountAsync(Ct);
        var group = await CreateGroupAsync(owner);
        var second = await CreateGroupAsync(owner, "2");
        await CreateGroupAsync(outsider, "o");

        (await Gateway.OshAsync(plain, $"groupDestroy --group {group}", Ct)).IsRestricted();
        (await Gateway.OshAsync(outsider, $"groupDestroy --group {group} --no-confirm", Ct)).Fails("ERR_NOT_GROUP_OWNER", "groupDestroy");
        (await Gateway.OshAsync(owner, "groupDestroy --no-confirm", Ct)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.OshAsync(owner, $"groupDestroy --group {group}", Ct, "not the name\n")).Fails("ERR_OPERATOR_IS_DRUNK");
        (await Gateway.OshAsync(owner, $"groupDestroy --group {group}", Ct, "")).Fails("ERR_OPERATOR_IS_DRUNK");
        (await Gateway.OshAsync(owner, $"groupInfo --group {group}", Ct)).IsOk();

        var destroyed = (await Gateway.OshAsync(owner, $"groupDestroy --group {group}", Ct, group + "\n")).IsOk().Value()!;
        Assert.Equal("key" + group, destroyed.Text("group"));
        Assert.Equal("deleted", destroyed.Text("operation"));
        Assert.Equal(0, destroyed["errors"]!.GetValue<int>());
        (await Gateway.OshAsync(owner, $"groupInfo --group {group}", Ct)).Fails("KO_GROUP_NOT_FOUND");
        (await Gateway.OshAsync(owner, $"groupDestroy --group {group} --no-confirm", Ct)).Fails("KO_GROUP_NOT_FOUND");

        Assert.Equal("key" + second, (await Gateway.OshAsync(owner, $"groupDestroy --group {second} --no-confirm", Ct)).IsOk().Value().Text("group"));
        Assert.DoesNotContain(second, (await Gateway.OshAsync(owner, "groupList --all", Ct)).Json["value"]?.AsObject().Select(p => p.Key) ?? []);
    }

    [Fact]
    public async Task GroupDelete_IsRestricted_AsksForTheGroupName_AndDeletesAnyGroup()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);
        var group = await CreateGroupAsync(owner);

        // Owning the group isn't enough: groupDelete is a restricted command.
        (await Gateway.OshAsync(owner, $"groupDelete --group {group} --no-confirm", Ct)).IsRestricted();
        (await Gateway.AdminOshAsync($"groupDelete --group {group}", Ct, "nope\n")).Fails("ERR_OPERATOR_IS_DRUNK", "groupDelete");
        (await Gateway.AdminOshAsync("groupDelete --no-confirm", Ct)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.AdminOshAsync($"groupDelete --group {group}nope --no-confirm", Ct)).Fails("KO_GROUP_NOT_FOUND");

        var deleted = (await Gateway.AdminOshAsync($"groupDelete --group {group}", Ct, group + "\n")).IsOk().Value()!;
        Assert.Equal("key" + group, deleted.Text("group"));
        Assert.Equal("deleted", deleted.Text("operation"));
        (await Gateway.OshAsync(owner, "groupList", Ct)).Is(0, "OK_EMPTY");
        (await Gateway.AdminOshAsync($"groupDelete --group {group} --no-confirm", Ct)).Fails("KO_GROUP_NOT_FOUND");
    }
}
