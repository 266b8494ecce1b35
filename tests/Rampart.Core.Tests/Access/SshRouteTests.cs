using System.Text.Json.Nodes;
using Rampart.Core.Access;
using Rampart.Core.Inventory;

namespace Rampart.Core.Tests.Access;

public sealed class SshRouteTests
{
    private const string DaemonUser = "rampart";

    private readonly Dictionary<Guid, Entry> _entries = [];

    private Entry Add(string type, JsonObject data, Guid? id = null)
    {
        data["type"] = type;
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var entry = new Entry(id ?? Guid.NewGuid(), type + _entries.Count, WellKnownIds.DefaultCategory, type, data.ToJsonString(), "{}", now, now, now, _entries.Count);
        _entries[entry.Id] = entry;
        return entry;
    }

    private (bool Ok, IReadOnlyList<SshHop> Hops, string Refusal) Read(Entry entry)
    {
        var ok = SshRoute.TryRead(entry, id => _entries.GetValueOrDefault(id), DaemonUser, out var hops, out var refusal);
        return (ok, hops, refusal);
    }

    [Fact]
    public void A_direct_connection_is_one_hop_with_ssh_defaults()
    {
        var (ok, hops, _) = Read(Add("ssh", new JsonObject { ["host"] = "192.0.2.10" }));
        Assert.True(ok);
        Assert.Equal([new SshHop("192.0.2.10", 22, DaemonUser, false)], hops);
    }

    [Fact]
    public void The_user_comes_from_the_field_then_the_identity()
    {
        var identity = Add("localIdentity", new JsonObject { ["username"] = "deploy" });
        var byRef = Add("ssh", new JsonObject
        {
            ["host"] = "192.0.2.10", ["port"] = 2222, ["identity"] = new JsonObject { ["type"] = "ref", ["ref"] = identity.Id.ToString() },
        });
        var inPlace = Add("ssh", new JsonObject
        {
            ["host"] = "192.0.2.10",
            ["identity"] = new JsonObject { ["type"] = "inPlace", ["identityStore"] = new JsonObject { ["type"] = "localIdentity", ["username"] = "ops" } },
        });
        var both = Add("ssh", new JsonObject
        {
            ["host"] = "192.0.2.10", ["user"] = "admin", ["identity"] = new JsonObject { ["type"] = "ref", ["ref"] = identity.Id.ToString() },
        });

        Assert.Equal(new SshHop("192.0.2.10", 2222, "deploy", false), Read(byRef).Hops.Single());
        Assert.Equal("ops", Read(inPlace).Hops.Single().User);
        Assert.Equal("admin", Read(both).Hops.Single().User);

        _entries.Remove(identity.Id);
        Assert.Equal((false, "its identity no longer exists"), (Read(byRef).Ok, Read(byRef).Refusal));
    }

    [Fact]
    public void Gateways_are_followed_and_the_local_machine_means_direct()
    {
        var jump = Add("ssh", new JsonObject { ["host"] = "jump.example.com", ["user"] = "hop", ["gateway"] = WellKnownIds.LocalMachine.ToString() });
        var target = Add("ssh", new JsonObject { ["host"] = "10.0.0.5", ["port"] = 2200, ["proxy"] = new JsonObject { ["storeId"] = jump.Id.ToString() } });
        var (ok, hops, _) = Read(target);
        Assert.True(ok);
        Assert.Equal([new SshHop("10.0.0.5", 2200, DaemonUser, true), new SshHop("jump.example.com", 22, "hop", false)], hops);
    }

    [Fact]
    public void Behind_a_gateway_a_host_must_be_an_address()
    {
        var jump = Add("ssh", new JsonObject { ["host"] = "192.0.2.1" });
        var named = Add("ssh", new JsonObject { ["host"] = "db.internal", ["gateway"] = jump.Id.ToString() });
        Assert.Equal((false, "a host it reaches through a gateway is not an IP address"), (Read(named).Ok, Read(named).Refusal));
    }

    [Fact]
    public void What_runs_on_the_gateway_has_no_route()
    {
        var local = Add("local", [], WellKnownIds.LocalMachine);
        var configHost = Add("sshConfigHost", new JsonObject { ["host"] = "web1" });
        var nested = Add("shellEnvironment", new JsonObject { ["host"] = WellKnownIds.LocalMachine.ToString(), ["shell"] = "sh" });
        var viaNested = Add("ssh", new JsonObject { ["host"] = "192.0.2.10", ["gateway"] = nested.Id.ToString() });

        Assert.Equal("not an ssh connection", Read(local).Refusal);
        Assert.Equal("not an ssh connection", Read(configHost).Refusal);
        Assert.Equal("not an ssh connection", Read(nested).Refusal);
        Assert.Equal("its gateway is not an ssh connection", Read(viaNested).Refusal);
    }

    [Theory]
    [InlineData("HostName=10.9.9.9", "HostName")]
    [InlineData("hostname 10.9.9.9", "hostname")]
    [InlineData("User=root", "User")]
    [InlineData("Port=2222", "Port")]
    [InlineData("ProxyJump=10.9.9.9", "ProxyJump")]
    [InlineData("CanonicalizeHostname=yes", "CanonicalizeHostname")]
    public void Options_that_send_ssh_elsewhere_leave_no_route(string option, string named)
    {
        var asArray = Add("ssh", new JsonObject { ["host"] = "192.0.2.10", ["additionalOptions"] = new JsonArray("ServerAliveInterval=5", option) });
        var asString = Add("ssh", new JsonObject { ["host"] = "192.0.2.10", ["additionalOptions"] = option });
        Assert.Equal($"its ssh options set {named}", Read(asArray).Refusal);
        Assert.Equal($"its ssh options set {named}", Read(asString).Refusal);

        var name = option.Split('=', ' ')[0];
        var asObject = Add("ssh", new JsonObject { ["host"] = "192.0.2.10", ["additionalOptions"] = new JsonObject { ["Compression"] = "yes", [name] = "x" } });
        Assert.False(Read(asObject).Ok);
    }

    [Fact]
    public void Harmless_options_keep_the_route()
    {
        var entry = Add("ssh", new JsonObject { ["host"] = "192.0.2.10", ["additionalOptions"] = new JsonObject { ["Compression"] = "yes", ["ServerAliveInterval"] = 5 } });
        Assert.True(Read(entry).Ok);
    }

    [Theory]
    [InlineData("127.1")]
    [InlineData("root@192.0.2.10")]
    [InlineData("ssh://192.0.2.10:22")]
    public void Hosts_ssh_would_read_another_way_leave_no_route(string host) =>
        Assert.Equal("its host is neither an IP address nor a host name", Read(Add("ssh", new JsonObject { ["host"] = host })).Refusal);

    [Fact]
    public void Loops_and_missing_gateways_leave_no_route()
    {
        var a = Guid.NewGuid();
        var b = Add("ssh", new JsonObject { ["host"] = "192.0.2.2", ["gateway"] = a.ToString() });
        var orphan = Add("ssh", new JsonObject { ["host"] = "192.0.2.3", ["gateway"] = a.ToString() });
        Assert.Equal("its gateway no longer exists", Read(orphan).Refusal);
        Add("ssh", new JsonObject { ["host"] = "192.0.2.1", ["gateway"] = b.Id.ToString() }, a);
        Assert.Equal($"its gateways form a loop or a chain longer than {SshRoute.MaxHops} hops", Read(b).Refusal);
    }
}
