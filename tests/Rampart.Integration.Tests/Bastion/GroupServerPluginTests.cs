using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>
/// The plugins that manage and read group ACLs (groupAddServer, groupDelServer, groupSetServers, groupListServers,
/// the guest access plugins and whoHasAccessTo) through real ssh, checked against the reference's codes, value
/// shapes and idempotency. Each test works on addresses of its own, derived from an account's random name.
/// </summary>
public sealed class GroupServerPluginTests(BastionGatewayFixture fixture) : IClassFixture<BastionGatewayFixture>
{
    private static readonly string[] AddServerValueKeys =
        ["action", "comment", "forceKey", "forcePassword", "group", "ip", "port", "proxyIp", "proxyPort", "proxyUser", "ttl", "user"];

    private static readonly string[] AclEntryKeys =
        ["addedBy", "addedDate", "comment", "expiry", "forceKey", "forcePassword", "ip", "port", "reverseDns", "user", "userComment"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BastionGateway Gateway => fixture.Gateway;

    /// <summary>A /24 of 10.0.0.0/8 nobody else in this class uses: <c>10.X.Y</c> from the account's random name.</summary>
    private static string Net(TestAccount account) => string.Create(CultureInfo.InvariantCulture,
        $"10.{Convert.ToInt32(account.Name[3..5], 16)}.{Convert.ToInt32(account.Name[5..7], 16)}");

    private async Task<string> CreateGroupAsync(TestAccount owner, string suffix = "", string key = "--no-key")
    {
        var group = "ts" + owner.Name[3..] + suffix;
        (await Gateway.AdminOshAsync($"groupCreate --group {group} --owner {owner.Name} {key}", Ct)).IsOk();
        return group;
    }

    private async Task<JsonArray> ServersAsync(TestAccount caller, string group)
    {
        var listed = await Gateway.OshAsync(caller, $"groupListServers --group {group}", Ct);
        return listed.Code == "OK_EMPTY" ? [] : listed.IsOk().Value()!.AsArray();
    }

    [Fact]
    public async Task GroupAddServer_TakesHostsSubnetsWildcardsTtlsAndComments_AndAnswersWithTheReferenceShape()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);
        var group = await CreateGroupAsync(owner);
        var net = Net(owner);

        var plain = (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host {net}.10 --user root --port 22 --force", Ct)).IsOk();
        Assert.Equal("groupAddServer", plain.Json["command"]!.GetValue<string>());
        var value = plain.Value()!;
        Assert.Equal(AddServerValueKeys, value.Keys().Order(StringComparer.Ordinal));
        Assert.Equal(("add", group, $"{net}.10", "root"), (value.Text("action"), value.Text("group"), value.Text("ip"), value.Text("user")));
        Assert.Equal(22, value["port"]!.GetValue<int>());
        Assert.All(new[] { "ttl", "comment", "forceKey", "forcePassword", "proxyIp", "proxyPort", "proxyUser" }, k => Assert.Null(value[k]));
        var duplicate = (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host {net}.10 --user root --port 22 --force", Ct)).Is(0, "OK_NO_CHANGE");
        Assert.Null(duplicate.Value());

        // A whole subnet for any user on any port, with '*' (the shell passes --port '*' to the plugin as --port-any).
        var subnet = (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host {net}.0/24 --user '*' --port '*' --force", Ct)).IsOk().Value()!;
        Assert.Equal(($"{net}.0/24", null, null), (subnet.Text("ip"), subnet.Text("user"), subnet["port"]));
        (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host {net}.0/24 --user-any --port-any --force", Ct)).Is(0, "OK_NO_CHANGE");
        Assert.Equal("2001:db8::/32", (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host 2001:db8::/32 --user-any --port-any --force", Ct)).IsOk().Value().Text("ip"));

        // User globs, a TTL in the duration syntax, a comment with spaces, a file transfer protocol.
        var glob = (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host {net}.11 --user 'adm?n*' --port 2222 --force --ttl 1d2h --comment \"web front, rack 4\"", Ct)).IsOk().Value()!;
        Assert.Equal(("adm?n*", 93600L, "web front, rack 4"), (glob.Text("user"), glob["ttl"]!.GetValue<long>(), glob.Text("comment")));
        Assert.Equal("!sftp", (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host {net}.10 --port 22 --protocol sftp --force", Ct)).IsOk().Value().Text("user"));

        // A name is resolved once and the name kept as comment, as the reference does when no comment is given.
        var byName = (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host localhost --user root --port 22 --force", Ct)).IsOk().Value()!;
        Assert.Equal(("127.0.0.1", "hostname=localhost"), (byName.Text("ip"), byName.Text("comment")));

        // The list shows each entry with the reference's ACL entry shape; ports and users are strings.
        var servers = await ServersAsync(owner, group);
        Assert.Equal(6, servers.Count);
        Assert.All(servers, s => Assert.Equal(AclEntryKeys, s.Keys().Order(StringComparer.Ordinal)));
        var ttlEntry = servers.Single(s => s.Text("ip") == $"{net}.11")!;
        Assert.Equal(("2222", "adm?n*", "web front, rack 4", owner.Name), (ttlEntry.Text("port"), ttlEntry.Text("user"), ttlEntry.Text("userComment"), ttlEntry.Text("addedBy")));
        Assert.Null(ttlEntry["comment"]);
        Assert.InRange(ttlEntry["expiry"]!.GetValue<long>() - TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), 93600 - 120, 93600 + 5);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", ttlEntry.Text("addedDate"));
        var wildcard = servers.Single(s => s.Text("ip") == $"{net}.0/24")!;
        Assert.Equal((null, null, null), (wildcard.Text("user"), wildcard.Text("port"), wildcard["expiry"]));
    }

    [Fact]
    public async Task GroupAddServer_RefusesBadInput_AtTheShellOrInThePluginAsTheReferenceDoes()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);
        var outsider = await Gateway.NewAccountAsync(Ct);
        var plain = await Gateway.NewAccountAsync(Ct);
        var group = await CreateGroupAsync(owner, key: "--algo ed25519");
        await CreateGroupAsync(outsider);
        var net = Net(owner);
        var add = $"groupAddServer --group {group}";

        (await Gateway.OshAsync(owner, $"groupAddServer --host {net}.1 --user root --port 22 --force", Ct)).Fails("ERR_MISSING_PARAMETER", "groupAddServer");
        (await Gateway.OshAsync(owner, $"{add} --user root --port 22 --force", Ct)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.OshAsync(owner, $"{add} --host {net}.1 --port 22 --force", Ct)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.OshAsync(owner, $"{add} --host {net}.1 --user root --force", Ct)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.OshAsync(owner, $"{add} --host {net}.1 --user root --user-any --port 22 --force", Ct)).Fails("ERR_INCOMPATIBLE_PARAMETERS");
        (await Gateway.OshAsync(owner, $"{add} --host {net}.1 --user root --port 22 --port-any --force", Ct)).Fails("ERR_INCOMPATIBLE_PARAMETERS");
        (await Gateway.OshAsync(owner, $"{add} --host {net}.1 --user root --port 22 --protocol sftp --force", Ct)).Fails("ERR_INCOMPATIBLE_PARAMETERS");
        (await Gateway.OshAsync(owner, $"{add} --host {net}.1 --port 22 --protocol ftp --force", Ct)).Fails("ERR_INVALID_PARAMETER");
        (await Gateway.OshAsync(owner, $"{add} --host {net}.1 --user root --port 22 --force --ttl soon", Ct)).Fails("KO_INVALID_PARAMETER");
        (await Gateway.OshAsync(owner, $"{add} --host {net}.1 --user root --port 22 --force --force-key SHA256:x --force-password '$1$x'", Ct)).Fails("ERR_INCOMPATIBLE_PARAMETERS");
        (await Gateway.OshAsync(owner, $"{add} --host {net}.1 --user root --port 22 --force --bogus", Ct)).Fails("ERR_BAD_OPTIONS");
        // As in The Bastion, a removal takes no TTL, comment or pinned key; --scpup and --scpdown are one protocol each.
        (await Gateway.OshAsync(owner, $"groupDelServer --group {group} --host {net}.1 --user root --port 22 --ttl 1d", Ct)).Fails("ERR_BAD_OPTIONS");
        (await Gateway.OshAsync(owner, $"groupDelServer --group {group} --host {net}.1 --user root --port 22 --comment x", Ct)).Fails("ERR_BAD_OPTIONS");
        (await Gateway.OshAsync(owner, $"{add} --host {net}.1 --port 22 --scpup --scpdown --force", Ct)).Fails("ERR_INCOMPATIBLE_PARAMETERS");
        (await Gateway.OshAsync(owner, $"{add} --host {net}.1 --port 22 --protocol sftp --sftp --force", Ct)).Fails("ERR_INCOMPATIBLE_PARAMETERS");
        (await Gateway.OshAsync(owner, $"groupAddServer --group {group}nope --host {net}.1 --user root --port 22 --force", Ct)).Fails("KO_GROUP_NOT_FOUND");

        // Hosts, users and ports the shell itself refuses: its own exit codes, command null.
        foreach (var (options, exit, code) in new[]
        {
            ($"--host {net}.0/33 --user root --port 22", 128, "KO_INVALID_REMOTE_HOST"),
            ($"--host {net}.1/24 --user root --port 22", 128, "KO_INVALID_REMOTE_HOST"),
            ("--host bad,host --user root --port 22", 128, "KO_INVALID_REMOTE_HOST"),
            ("--host no-such-host.invalid --user root --port 22", 102, "KO_HOST_NOT_FOUND"),
            ($"--host {net}.1 --user root --port 0", 134, "KO_INVALID_PORT"),
            ($"--host {net}.1 --user root --port 65536", 134, "KO_INVALID_PORT"),
            ($"--host {net}.1 --user 'bad user' --port 22", 127, "KO_INVALID_REMOTE_USER"),
        })
        {
            var refused = (await Gateway.OshAsync(owner, $"{add} {options} --force", Ct)).Is(exit, code);
            Assert.Null(refused.Json["command"]);
        }

        // Without --force the connection is tried with the group's key: a closed port fails the add.
        (await Gateway.OshAsync(owner, $"{add} --host 127.0.0.1 --user root --port 1", Ct)).Fails("ERR_CONNECTION_FAILED");

        // Aclkeeper of another group only: the plugin refuses; of none: the shell refuses.
        (await Gateway.OshAsync(outsider, $"{add} --host {net}.1 --user root --port 22 --force", Ct)).Fails("ERR_NOT_GROUP_ACLKEEPER");
        (await Gateway.OshAsync(plain, $"{add} --host {net}.1 --user root --port 22 --force", Ct)).IsRestricted();
        (await Gateway.OshAsync(plain, $"groupDelServer --group {group} --host {net}.1 --user root --port 22", Ct)).IsRestricted();

        // None of the refusals added anything.
        Assert.Empty(await ServersAsync(owner, group));
    }

    [Fact]
    public async Task GroupDelServer_RemovesTheExactEntry_AndAnswersNoChangeForAbsentOnes()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);
        var outsider = await Gateway.NewAccountAsync(Ct);
        var group = await CreateGroupAsync(owner);
        await CreateGroupAsync(outsider);
        var net = Net(owner);
        (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host {net}.1 --user root --port 22 --force", Ct)).IsOk();
        (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host {net}.0/24 --user '*' --port '*' --force", Ct)).IsOk();

        // Same host, other user or port: not the entry, nothing to remove.
        (await Gateway.OshAsync(owner, $"groupDelServer --group {group} --host {net}.1 --user admin --port 22", Ct)).Is(0, "OK_NO_CHANGE");
        (await Gateway.OshAsync(owner, $"groupDelServer --group {group} --host {net}.1 --user root --port 2222", Ct)).Is(0, "OK_NO_CHANGE");
        (await Gateway.OshAsync(owner, $"groupDelServer --group {group} --host {net}.1 --user-any --port-any", Ct)).Is(0, "OK_NO_CHANGE");
        (await Gateway.OshAsync(owner, $"groupDelServer --group {group} --host {net}.1 --user root", Ct)).Fails("ERR_MISSING_PARAMETER", "groupDelServer");
        (await Gateway.OshAsync(owner, $"groupDelServer --group {group} --host {net}.1 --port 22", Ct)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.OshAsync(outsider, $"groupDelServer --group {group} --host {net}.1 --user root --port 22", Ct)).Fails("ERR_NOT_GROUP_ACLKEEPER");
        Assert.Equal(2, (await ServersAsync(owner, group)).Count);

        var removed = (await Gateway.OshAsync(owner, $"groupDelServer --group {group} --host {net}.1 --user root --port 22", Ct)).IsOk().Value()!;
        Assert.Equal(("del", group, $"{net}.1", "root"), (removed.Text("action"), removed.Text("group"), removed.Text("ip"), removed.Text("user")));
        Assert.Equal(22, removed["port"]!.GetValue<int>());
        (await Gateway.OshAsync(owner, $"groupDelServer --group {group} --host {net}.1 --user root --port 22", Ct)).Is(0, "OK_NO_CHANGE");

        Assert.Equal($"{net}.0/24", (await Gateway.OshAsync(owner, $"groupDelServer --group {group} --host {net}.0/24 --user '*' --port '*'", Ct)).IsOk().Value().Text("ip"));
        (await Gateway.OshAsync(owner, $"groupListServers --group {group}", Ct)).Is(0, "OK_EMPTY");
    }

    [Fact]
    public async Task GroupListServers_IsForMembersAclkeepersAndAuditors_EmptyIsOkEmpty_ExpiredEntriesAreHidden()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);
        var aclkeeper = await Gateway.NewAccountAsync(Ct);
        var guest = await Gateway.NewAccountAsync(Ct);
        var stranger = await Gateway.NewAccountAsync(Ct);
        var group = await CreateGroupAsync(owner);
        var net = Net(owner);

        var empty = (await Gateway.OshAsync(owner, $"groupListServers --group {group}", Ct)).Is(0, "OK_EMPTY");
        Assert.Null(empty.Value());
        Assert.Equal("groupListServers", empty.Json["command"]!.GetValue<string>());

        (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host {net}.1 --user root --port 22 --force", Ct)).IsOk();
        (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host {net}.2 --user web --port 22 --force", Ct)).IsOk();
        (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host {net}.3 --user root --port 22 --force --ttl 1", Ct)).IsOk();
        (await Gateway.OshAsync(owner, $"groupAddAclkeeper --group {group} --account {aclkeeper.Name}", Ct)).IsOk();
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess --group {group} --account {guest.Name} --host {net}.1 --user root --port 22", Ct)).IsOk();

        (await Gateway.OshAsync(stranger, $"groupListServers --group {group}", Ct)).Fails("KO_ACCESS_DENIED", "groupListServers");
        (await Gateway.OshAsync(guest, $"groupListServers --group {group}", Ct)).Fails("KO_ACCESS_DENIED");
        (await Gateway.OshAsync(stranger, "groupListServers", Ct)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.OshAsync(stranger, $"groupListServers --group {group}nope", Ct)).Fails("KO_GROUP_NOT_FOUND");

        // The entry with a one-second TTL is gone once expired; the others stay, for the aclkeeper as for members.
        await Task.Delay(TimeSpan.FromSeconds(2.2), Ct);
        Assert.Equal([$"{net}.1", $"{net}.2"], (await ServersAsync(aclkeeper, group)).Select(s => s.Text("ip")).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await ServersAsync(owner, group)).Count);

        // --include/--exclude filter the printed table, not the JSON (as in the reference), and match any column.
        var filtered = (await Gateway.OshAsync(owner, $"groupListServers --group {group} --include web", Ct)).IsOk();
        Assert.Equal(2, filtered.Value()!.AsArray().Count);
        Assert.Contains($"{net}.2", filtered.Out, StringComparison.Ordinal);
        Assert.DoesNotContain($"{net}.1 ", filtered.Out, StringComparison.Ordinal);
        var excluded = (await Gateway.OshAsync(owner, $"groupListServers --group {group} --exclude '{net}.2'", Ct)).IsOk();
        Assert.DoesNotContain($"{net}.2 ", excluded.Out, StringComparison.Ordinal);
        Assert.Contains($"{net}.1", excluded.Out, StringComparison.Ordinal);

        // Auditors may list any group.
        (await Gateway.AdminOshAsync($"accountGrantCommand --account {stranger.Name} --command auditor", Ct)).IsOk();
        Assert.Equal(2, (await ServersAsync(stranger, group)).Count);
    }

    [Fact]
    public async Task GroupSetServers_ReplacesTheWholeList_DryRunChangesNothing_BadLinesAbortUnlessSkipped()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);
        var outsider = await Gateway.NewAccountAsync(Ct);
        var plain = await Gateway.NewAccountAsync(Ct);
        var group = await CreateGroupAsync(owner);
        await CreateGroupAsync(outsider);
        var net = Net(owner);
        (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host {net}.200 --user old --port 22 --force", Ct)).IsOk();
        string[] before = [$"{net}.200"];

        var input = $"root@{net}.1\n  {net}.2:2222 second server, rack 4  \n\n{net}.16/28\nlocalhost\n";
        var dry = (await Gateway.OshAsync(owner, $"groupSetServers --group {group} --dry-run", Ct, input)).IsOk().Value()!;
        Assert.True(dry["dryrun"]!.GetValue<bool>());
        Assert.Equal(4, dry["parsedLines"]!.GetValue<int>());
        Assert.Empty(dry["errors"]!.AsArray());
        var acl = dry["ACL"]!.AsArray();
        Assert.Equal([$"{net}.1", $"{net}.2", $"{net}.16/28", "127.0.0.1"], acl.Select(e => e.Text("ip")));
        Assert.Equal(["comment", "ip", "port", "user"], acl[1].Keys().Order(StringComparer.Ordinal));
        Assert.Equal(("root", null, null), (acl[0].Text("user"), acl[0].Text("port"), acl[0].Text("comment")));
        Assert.Equal((null, "2222", "second server, rack 4"), (acl[1].Text("user"), acl[1].Text("port"), acl[1].Text("comment")));
        Assert.Equal(before, (await ServersAsync(owner, group)).Select(s => s.Text("ip")));

        // A bad line (unparseable, bad port, bad user, unresolvable host) aborts everything and says which lines.
        var bad = $"root@{net}.1\nthis is not a server line!\n{net}.3:99999\nbad;user@{net}.4\nno-such-host.invalid\n";
        var refused = (await Gateway.OshAsync(owner, $"groupSetServers --group {group}", Ct, bad)).Fails("ERR_INVALID_PARAMETER", "groupSetServers").Value()!;
        Assert.False(refused["dryrun"]!.GetValue<bool>());
        Assert.Equal(5, refused["parsedLines"]!.GetValue<int>());
        Assert.Equal(4, refused["errors"]!.AsArray().Count);
        Assert.Equal([$"{net}.1"], refused["ACL"]!.AsArray().Select(e => e.Text("ip")));
        Assert.Equal(before, (await ServersAsync(owner, group)).Select(s => s.Text("ip")));
        Assert.True((await Gateway.OshAsync(owner, $"groupSetServers --group {group} --dry-run --skip-errors", Ct, bad)).IsOk().Value()!["dryrun"]!.GetValue<bool>());
        Assert.Equal(before, (await ServersAsync(owner, group)).Select(s => s.Text("ip")));

        // With --skip-errors the good lines become the list, and the value says which group.
        var skipped = (await Gateway.OshAsync(owner, $"groupSetServers --group {group} --skip-errors", Ct, bad)).IsOk().Value()!;
        Assert.Equal((group, false, 4), (skipped.Text("group"), skipped["dryrun"]!.GetValue<bool>(), skipped["errors"]!.AsArray().Count));
        var servers = await ServersAsync(owner, group);
        Assert.Equal([$"{net}.1"], servers.Select(s => s.Text("ip")));
        Assert.Equal(("root", owner.Name), (servers[0].Text("user"), servers[0].Text("addedBy")));

        var set = (await Gateway.OshAsync(owner, $"groupSetServers --group {group}", Ct, input)).IsOk().Value()!;
        Assert.Equal(4, set["ACL"]!.AsArray().Count);
        servers = await ServersAsync(owner, group);
        Assert.Equal([$"{net}.1", $"{net}.16/28", $"{net}.2", "127.0.0.1"], servers.Select(s => s.Text("ip")).Order(StringComparer.Ordinal));
        Assert.Equal("second server, rack 4", servers.Single(s => s.Text("ip") == $"{net}.2").Text("userComment"));

        // No line at all is not "empty the group": nothing is changed.
        (await Gateway.OshAsync(owner, $"groupSetServers --group {group}", Ct, "\n\n")).Is(0, "OK_NO_CHANGE");
        Assert.Equal(4, (await ServersAsync(owner, group)).Count);

        (await Gateway.OshAsync(owner, "groupSetServers", Ct, input)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.OshAsync(owner, $"groupSetServers --group {group}nope", Ct, input)).Fails("KO_GROUP_NOT_FOUND");
        (await Gateway.OshAsync(outsider, $"groupSetServers --group {group}", Ct, input)).Fails("ERR_NOT_GROUP_ACLKEEPER");
        (await Gateway.OshAsync(plain, $"groupSetServers --group {group}", Ct, input)).IsRestricted();
        Assert.Equal(4, (await ServersAsync(owner, group)).Count);
    }

    [Fact]
    public async Task GroupSetServers_TakesAThousandServersInOneCall()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);
        var group = await CreateGroupAsync(owner);
        var lines = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            lines.Append(CultureInfo.InvariantCulture, $"user{i}@10.{i / 250}.{i % 250}.7:{1000 + i} server number {i}\n");
        }

        var clock = Stopwatch.StartNew();
        var set = (await Gateway.OshAsync(owner, $"groupSetServers --group {group}", Ct, lines.ToString())).IsOk().Value()!;
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(1000, set["parsedLines"]!.GetValue<int>());
        Assert.Equal(1000, set["ACL"]!.AsArray().Count);

        clock.Restart();
        var servers = await ServersAsync(owner, group);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(1000, servers.Count);
        var last = servers.Single(s => s.Text("ip") == "10.3.249.7")!;
        Assert.Equal(("user999", "1999", "server number 999"), (last.Text("user"), last.Text("port"), last.Text("userComment")));
    }

    [Fact]
    public async Task GuestAccesses_AreOneEntryOfTheGroupEach_ManagedByGatekeepers_AndRespectTheGroupTtlLimit()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);
        var guest = await Gateway.NewAccountAsync(Ct);
        var member = await Gateway.NewAccountAsync(Ct);
        var outsider = await Gateway.NewAccountAsync(Ct);
        var group = await CreateGroupAsync(owner);
        await CreateGroupAsync(outsider);
        var net = Net(owner);
        var grant = $"--group {group} --account {guest.Name}";
        (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host {net}.20 --user root --port 22 --force", Ct)).IsOk();
        (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host {net}.128/25 --user-any --port-any --force --comment \"upper half\"", Ct)).IsOk();
        (await Gateway.OshAsync(owner, $"groupAddMember --group {group} --account {member.Name}", Ct)).IsOk();

        (await Gateway.OshAsync(owner, $"groupListGuestAccesses {grant}", Ct)).Is(0, "OK_EMPTY");
        var added = (await Gateway.OshAsync(owner, $"groupAddGuestAccess {grant} --host {net}.20 --user root --port 22", Ct)).IsOk();
        Assert.Equal("groupAddGuestAccess", added.Json["command"]!.GetValue<string>());
        Assert.Null(added.Value());
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess {grant} --host {net}.20 --user root --port 22", Ct)).Is(0, "OK_NO_CHANGE");

        // Any tuple the group's ACL covers may be shared; without a comment of its own it takes the group entry's.
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess {grant} --host {net}.200 --user admin --port 2200 --ttl 1h", Ct)).IsOk();
        var accesses = (await Gateway.OshAsync(owner, $"groupListGuestAccesses {grant}", Ct)).IsOk().Value()!.AsArray();
        Assert.All(accesses, a => Assert.Equal(AclEntryKeys, a.Keys().Order(StringComparer.Ordinal)));
        var shared = accesses.Single(a => a.Text("ip") == $"{net}.200")!;
        Assert.Equal(("admin", "2200", "upper half"), (shared.Text("user"), shared.Text("port"), shared.Text("userComment")));
        Assert.InRange(shared["expiry"]!.GetValue<long>() - TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), 3600 - 120, 3605);
        Assert.Equal(["guest"], (await Gateway.OshAsync(guest, "groupList", Ct)).IsOk().Value()![group]!["flags"].Strings());
        var info = (await Gateway.OshAsync(owner, $"groupInfo --group {group}", Ct)).IsOk().Value()!;
        Assert.Equal([guest.Name], info["guests"].Strings());
        Assert.Equal(2, info["guests_accesses"]![guest.Name]!.GetValue<int>());

        // Bad input and wrong callers.
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess {grant} --host 192.0.2.20 --user root --port 22", Ct)).Fails("ERR_GROUP_HAS_NO_ACCESS", "groupAddGuestAccess");
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess {grant} --host {net}.20 --user admin --port 22", Ct)).Fails("ERR_GROUP_HAS_NO_ACCESS");
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess --group {group} --account {member.Name} --host {net}.20 --user root --port 22", Ct)).Fails("ERR_MEMBER_CANNOT_BE_GUEST");
        (await Gateway.OshAsync(owner, $"groupDelGuestAccess --group {group} --account {member.Name} --host {net}.20 --user root --port 22", Ct)).Fails("ERR_MEMBER_CANNOT_BE_GUEST");
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess --group {group} --host {net}.20 --user root --port 22", Ct)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess {grant} --user root --port 22", Ct)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess {grant} --host {net}.20 --port 22", Ct)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess {grant} --host {net}.20 --user root", Ct)).Fails("ERR_MISSING_PARAMETER");
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess {grant} --host {net}.20 --user root --port 22 --ttl 3x", Ct)).Fails("KO_INVALID_PARAMETER");
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess --group {group} --account rtbnobody --host {net}.20 --user root --port 22", Ct)).Fails("KO_NOT_FOUND");
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess --group {group}nope --account {guest.Name} --host {net}.20 --user root --port 22", Ct)).Fails("KO_GROUP_NOT_FOUND");
        (await Gateway.OshAsync(outsider, $"groupAddGuestAccess {grant} --host {net}.20 --user root --port 22", Ct)).Fails("ERR_NOT_GROUP_GATEKEEPER");
        (await Gateway.OshAsync(outsider, $"groupListGuestAccesses {grant}", Ct)).Fails("ERR_NOT_GROUP_GATEKEEPER");
        (await Gateway.OshAsync(guest, $"groupAddGuestAccess {grant} --host {net}.20 --user root --port 22", Ct)).IsRestricted();
        (await Gateway.OshAsync(guest, $"groupListGuestAccesses {grant}", Ct)).IsRestricted();
        (await Gateway.OshAsync(owner, $"groupListGuestAccesses --group {group}", Ct)).Fails("ERR_MISSING_PARAMETER", "groupListGuestAccesses");

        // A group TTL limit: guest accesses need a TTL, and not a longer one.
        (await Gateway.OshAsync(owner, $"groupModify --group {group} --guest-ttl-limit 1h", Ct)).IsOk();
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess {grant} --host {net}.129 --user root --port 22", Ct)).Fails("ERR_INVALID_PARAMETER");
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess {grant} --host {net}.129 --user root --port 22 --ttl 2h", Ct)).Fails("ERR_INVALID_PARAMETER");
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess {grant} --host {net}.129 --user root --port 22 --ttl 30m", Ct)).IsOk();
        Assert.Equal(3, (await Gateway.OshAsync(owner, $"groupListGuestAccesses {grant}", Ct)).IsOk().Value()!.AsArray().Count);

        // Removing: OK then OK_NO_CHANGE; without any access left the account is no longer a guest.
        foreach (var access in new[] { $"--host {net}.20 --user root --port 22", $"--host {net}.200 --user admin --port 2200", $"--host {net}.129 --user root --port 22" })
        {
            Assert.Null((await Gateway.OshAsync(owner, $"groupDelGuestAccess {grant} {access}", Ct)).IsOk().Value());
            (await Gateway.OshAsync(owner, $"groupDelGuestAccess {grant} {access}", Ct)).Is(0, "OK_NO_CHANGE");
        }

        (await Gateway.OshAsync(owner, $"groupListGuestAccesses {grant}", Ct)).Is(0, "OK_EMPTY");
        (await Gateway.OshAsync(guest, "groupList", Ct)).Is(0, "OK_EMPTY");
        Assert.Empty((await Gateway.OshAsync(owner, $"groupInfo --group {group}", Ct)).IsOk().Value()!["guests"]!.AsArray());
    }

    [Fact]
    public async Task BecomingAMember_PurgesTheGuestAccessesFirst()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var owner = await Gateway.NewAccountAsync(Ct);
        var guest = await Gateway.NewAccountAsync(Ct);
        var group = await CreateGroupAsync(owner);
        var net = Net(owner);
        (await Gateway.OshAsync(owner, $"groupAddServer --group {group} --host {net}.0/24 --user-any --port-any --force", Ct)).IsOk();
        (await Gateway.OshAsync(owner, $"groupAddGuestAccess --group {group} --account {guest.Name} --host {net}.5 --user root --port 22", Ct)).IsOk();

        (await Gateway.OshAsync(owner, $"groupAddMember --group {group} --account {guest.Name}", Ct)).IsOk();
        (await Gateway.OshAsync(owner, $"groupListGuestAccesses --group {group} --account {guest.Name}", Ct)).Is(0, "OK_EMPTY");
        Assert.Equal(["member"], (await Gateway.OshAsync(guest, "groupList", Ct)).IsOk().Value()![group]!["flags"].Strings());
        var info = (await Gateway.OshAsync(guest, $"groupInfo --group {group}", Ct)).IsOk().Value()!;
        Assert.Contains(guest.Name, info["members"].Strings());
        Assert.Empty(info["guests"]!.AsArray());
    }

    [Fact]
    public async Task WhoHasAccessTo_NamesMembersGuestsAndPersonalAccesses_WithTheReferenceFilters()
    {
        Assert.SkipUnless(BastionGateway.CanRun, "needs root, sshd and useradd");
        var member = await Gateway.NewAccountAsync(Ct);
        var guest = await Gateway.NewAccountAsync(Ct);
        var personal = await Gateway.NewAccountAsync(Ct);
        var other = await Gateway.NewAccountAsync(Ct);
        var everywhere = await Gateway.NewAccountAsync(Ct);
        var net = Net(member);
        var rootGroup = await CreateGroupAsync(member, "r");
        var adminGroup = await CreateGroupAsync(other, "a");
        var catchAll = await CreateGroupAsync(everywhere, "w");
        (await Gateway.OshAsync(member, $"groupAddServer --group {rootGroup} --host {net}.5 --user root --port 22 --force", Ct)).IsOk();
        (await Gateway.OshAsync(member, $"groupAddGuestAccess --group {rootGroup} --account {guest.Name} --host {net}.5 --user root --port 22", Ct)).IsOk();
        (await Gateway.OshAsync(other, $"groupAddServer --group {adminGroup} --host {net}.0/24 --user admin --port 2222 --force", Ct)).IsOk();
        (await Gateway.OshAsync(other, $"groupAddMember --group {adminGroup} --account {member.Name}", Ct)).IsOk();
        (await Gateway.OshAsync(everywhere, $"groupAddServer --group {catchAll} --host 0.0.0.0/0 --user-any --port-any --force", Ct)).IsOk();
        (await Gateway.AdminOshAsync($"accountAddPersonalAccess --account {personal.Name} --host {net}.5 --user root --port 22 --force", Ct)).IsOk();

        // Without --user and --port, user and port don't matter; the catch-all group is hidden.
        var anyway = (await Gateway.AdminOshAsync($"whoHasAccessTo --host {net}.5", Ct)).IsOk().Value()!;
        Assert.Equal(new[] { member.Name, guest.Name, personal.Name, other.Name }.Order(StringComparer.Ordinal), anyway.Keys().Order(StringComparer.Ordinal));
        Assert.Equal(0, anyway[member.Name]!["personal_access"]!.GetValue<int>());
        Assert.Equal(new[] { $"{adminGroup}(group-member)", $"{rootGroup}(group-member)" }.Order(StringComparer.Ordinal), anyway[member.Name]!["group_access"].Strings());
        Assert.Equal([$"{rootGroup}(group-guest)"], anyway[guest.Name]!["group_access"].Strings());
        Assert.Equal(1, anyway[personal.Name]!["personal_access"]!.GetValue<int>());
        Assert.Empty(anyway[personal.Name]!["group_access"]!.AsArray());
        Assert.Equal([$"{adminGroup}(group-member)"], anyway[other.Name]!["group_access"].Strings());

        // --user and --port narrow to the entries granting them.
        var asRoot = (await Gateway.AdminOshAsync($"whoHasAccessTo --host {net}.5 --user root --port 22", Ct)).IsOk().Value()!;
        Assert.Equal(new[] { member.Name, guest.Name, personal.Name }.Order(StringComparer.Ordinal), asRoot.Keys().Order(StringComparer.Ordinal));
        Assert.Equal([$"{rootGroup}(group-member)"], asRoot[member.Name]!["group_access"].Strings());
        Assert.Equal(new[] { other.Name, member.Name }.Order(StringComparer.Ordinal), (await Gateway.AdminOshAsync($"whoHasAccessTo --host {net}.77 --user admin", Ct)).IsOk().Value().Keys().Order(StringComparer.Ordinal));
        Assert.Empty((await Gateway.AdminOshAsync($"whoHasAccessTo --host {net}.5 --port 2200", Ct)).IsOk().Value()!.AsObject());

        // The filters of the reference.
        var wild = (await Gateway.AdminOshAsync($"whoHasAccessTo --host {net}.5 --show-wildcards", Ct)).IsOk().Value()!;
        Assert.Equal([$"{catchAll}(group-member)"], wild[everywhere.Name]!["group_access"].Strings());
        var noPersonal = (await Gateway.AdminOshAsync($"whoHasAccessTo --host {net}.5 --ignore-personal", Ct)).IsOk().Value()!;
        Assert.Null(noPersonal[personal.Name]);
        Assert.NotNull(noPersonal[member.Name]);
        Assert.Null((await Gateway.AdminOshAsync($"whoHasAccessTo --host {net}.5 --ignore-private", Ct)).IsOk().Value()![personal.Name]);
        var noRootGroup = (await Gateway.AdminOshAsync($"whoHasAccessTo --host {net}.5 --ignore-group {rootGroup}", Ct)).IsOk().Value()!;
        Assert.Null(noRootGroup[guest.Name]);
        Assert.Equal([$"{adminGroup}(group-member)"], noRootGroup[member.Name]!["group_access"].Strings());

        // Nobody: an empty object, still OK.
        var nobody = (await Gateway.AdminOshAsync("whoHasAccessTo --host 192.0.2.201", Ct)).IsOk();
        Assert.Empty(nobody.Value()!.AsObject());

        (await Gateway.AdminOshAsync("whoHasAccessTo", Ct)).Fails("ERR_MISSING_PARAMETER", "whoHasAccessTo");
        (await Gateway.OshAsync(member, $"whoHasAccessTo --host {net}.5", Ct)).IsRestricted();
    }
}
