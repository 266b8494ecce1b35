using Rampart.Core.Import;

namespace Rampart.Core.Tests.Import;

public sealed class AnsibleInventoryImportTests
{
    [Fact]
    public void Ini_GroupsChildrenVarsAndRanges()
    {
        var parsed = AnsibleInventoryImport.Parse("""
            lonely ansible_host=192.0.2.9

            [web]
            web[01:03] ansible_user=www
            special ansible_host=192.0.2.7 ansible_port=2200 ansible_ssh_private_key_file=/keys/web ansible_password='s3cret word'

            [db]
            db-[a:b]

            [prod:children]
            web
            db

            [prod:vars]
            ansible_user=ops
            ansible_ssh_common_args='-o ProxyJump=lonely'
            """, "hosts.ini");

        Assert.Empty(parsed.Problems);
        var hosts = parsed.Hosts.ToDictionary(h => h.Name);
        Assert.Equal(["lonely", "web01", "web02", "web03", "special", "db-a", "db-b"], parsed.Hosts.Select(h => h.Name));
        Assert.Empty(hosts["lonely"].CategoryPath);
        Assert.Equal(["prod", "web"], hosts["web02"].CategoryPath);
        Assert.Equal("www", hosts["web02"].User);
        Assert.Equal("ops", hosts["special"].User);
        Assert.Equal(("192.0.2.7", 2200, "/keys/web", "s3cret word"), (hosts["special"].Host, hosts["special"].Port, hosts["special"].IdentityFile, hosts["special"].Password));
        Assert.Equal(["prod", "db"], hosts["db-b"].CategoryPath);
        Assert.Equal("lonely", hosts["db-a"].Gateway);
        Assert.Equal("hosts.ini:4", hosts["web01"].Source);
    }

    [Fact]
    public void Yaml_NestedGroups_HostVarsWinOverGroupVars()
    {
        var parsed = AnsibleInventoryImport.Parse("""
            all:
              vars:
                ansible_user: base
              hosts:
                mgmt:
                  ansible_host: 192.0.2.1
              children:
                eu:
                  vars:
                    ansible_port: 2222
                  children:
                    eu_web:
                      hosts:
                        web[1:2]:
                        odd:
                          ansible_port: 22
                          ansible_user: me
            """, "inv.yml");

        Assert.Empty(parsed.Problems);
        var hosts = parsed.Hosts.ToDictionary(h => h.Name);
        Assert.Equal(("192.0.2.1", "base"), (hosts["mgmt"].Host, hosts["mgmt"].User));
        Assert.Equal(["eu", "eu_web"], hosts["web2"].CategoryPath);
        Assert.Equal((2222, "base"), (hosts["web1"].Port, hosts["web1"].User));
        Assert.Equal((22, "me"), (hosts["odd"].Port, hosts["odd"].User));
    }

    [Fact]
    public void BadLines_AreProblemsWithLineNumbers()
    {
        var parsed = AnsibleInventoryImport.Parse("[web]\nweb1 ansible_port=notaport\nweb2 novalue\n[x:weird]\n", "h");
        Assert.Equal(["h:2", "h:3", "h:4"], parsed.Problems.Select(p => p.Source).Order(StringComparer.Ordinal));
        Assert.Single(AnsibleInventoryImport.Parse("all:\n  hosts: [\n", "y").Problems);
    }
}
