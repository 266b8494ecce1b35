using System.Net.Sockets;
using System.Runtime.InteropServices;
using Rampart.Bastion.Entry;
using Rampart.Contracts.Bastion;

// rampart-osh: an account's login shell. It holds no secret and decides nothing; it relays to the daemon, which knows
// the caller by the socket's peer credentials.
const int ConfigurationFailure = 110;
const int UsageFailure = 111;

using var standard = new StandardStreams();
var terminal = new Terminal(StandardStreams.InputFd);

// Outside signals end the session even in raw mode (where Ctrl-C is only a byte); the terminal is put back first.
void Leave(PosixSignalContext signal)
{
    signal.Cancel = true;
    terminal.Restore();
    Environment.Exit(128 + signal.Signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        _ => 15,
    });
}

using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Leave);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Leave);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Leave);

// sshd runs the login shell bare (an interactive login, argv[0] may be "-rampart-osh") or with -c and the client's
// command string; as AuthorizedKeysCommand it is run with --authorized-keys and the user name.
string? command = null;
string? keysUser = null;
switch (args)
{
    case []:
        break;
    case ["-c", var text]:
        command = text;
        break;
    case ["--authorized-keys", var user]:
        keysUser = user;
        break;
    default:
        standard.Complain("usage: rampart-osh [-c COMMAND | --authorized-keys USER]");
        return UsageFailure;
}

var config = EntryConfig.Load(AppContext.BaseDirectory, out var configError);
if (config is null)
{
    standard.Complain(configError);
    return ConfigurationFailure;
}

var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
try
{
    socket.Connect(new UnixDomainSocketEndPoint(config.SocketPath));
}
catch (Exception exception) when (exception is SocketException or ArgumentException)
{
    socket.Dispose();
    standard.Complain($"the Rampart daemon is not reachable at {config.SocketPath}: {exception.Message}");
    return ConfigurationFailure;
}

await using var daemon = new NetworkStream(socket, ownsSocket: true);
using var relay = new Relay(daemon, standard, terminal);
Relay.Outcome outcome;
try
{
    if (keysUser is not null)
    {
        outcome = await relay.RunKeysRequestAsync(keysUser, CancellationToken.None);
    }
    else
    {
        var tty = Terminal.IsTerminal(StandardStreams.InputFd);
        var size = tty ? WindowSize.Of(StandardStreams.InputFd) : default;
        var hello = new OshHello(command, tty, Environment.GetEnvironmentVariable("TERM"), size.Rows, size.Columns,
            Environment.GetEnvironmentVariable("SSH_CONNECTION"), Locale.FromEnvironment());
        outcome = await relay.RunSessionAsync(hello, CancellationToken.None);
    }
}
catch (IOException)
{
    // Writing to the daemon failed: it closed the socket before the session could end properly.
    outcome = new Relay.Outcome(Relay.BrokenSession, "the session ended unexpectedly");
}
finally
{
    terminal.Restore();
}

if (outcome.Complaint is not null)
{
    standard.Complain(outcome.Complaint);
}

return outcome.ExitCode;
