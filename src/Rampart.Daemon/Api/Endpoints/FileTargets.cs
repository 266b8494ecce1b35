using Rampart.Core.Errors;
using Rampart.Core.Inventory;
using Rampart.Core.Inventory.Types;
using Rampart.Shell.OpenSsh;
using Rampart.Shell.Sessions;

namespace Rampart.Daemon.Api.Endpoints;

/// <summary>
/// Where a file request goes: the connection's started shell (required, as in XPipe), and for ssh connections the
/// <see cref="SshFiles"/> that move the bytes; null for the local machine, whose files the daemon opens itself.
/// </summary>
public sealed class FileTargets(InventoryService inventory, ShellSessions shells, SshTargetResolver ssh, SshEnvironment sshEnvironment)
{
    public (ShellSession Session, SshFiles? Remote) Resolve(ApiRequest request)
    {
        var id = request.RequireId(EntryNaming.Connection.IdFields);
        var session = shells.Get(id);
        var entry = inventory.GetEntry(id).Entry;
        return ConnectionTypes.Get(entry.Type) switch
        {
            LocalMachineType => (session, null),
            SshType or SshConfigHostType => (session, new SshFiles(ssh.Resolve(entry), sshEnvironment, session)),
            // A nested shell's files are its host's, seen as the nested user; only direct shells are served so far.
            _ => throw new ClientErrorException($"File operations on {entry.Type} connections are not supported by this Rampart version yet"),
        };
    }
}
