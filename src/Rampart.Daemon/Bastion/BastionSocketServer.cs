using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Rampart.Bastion.Dispatch;
using Rampart.Bastion.Host;
using Rampart.Contracts.Bastion;
using Rampart.Core.Bastion.Directory;
using Rampart.Core.Bastion.Model;
using Rampart.Shell.Unix;

namespace Rampart.Daemon.Bastion;

/// <summary>
/// The daemon's end of the bastion front door: a Unix socket the entry program of every account connects to. The
/// caller is whoever the kernel says (SO_PEERCRED): its uid must be a bastion account's, and that uid's OS user name
/// must still be the account's name. Nothing the entry program sends can change who it is.
/// </summary>
public sealed partial class BastionSocketServer(
    BastionConfig config, BastionSettings settings, BastionDirectory directory, OshShell shell, LiveSessions sessions, ILogger<BastionSocketServer> logger) : IHostedService, IAsyncDisposable
{
    public const string KeysUser = "rampart-keys";

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _sessions = [];
    private readonly Lock _lock = new();
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(config.Socket)!;
        if (!Directory.Exists(folder))
        {
            // Accounts must reach the socket: the folder is traversable, the socket itself is guarded by its group.
            Directory.CreateDirectory(folder,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        File.Delete(config.Socket);
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(config.Socket));
        await OsAccountSystem.EnsureGroupAsync(config.OsGroup, cancellationToken);
        UnixFiles.ChangeGroup(config.Socket, OsAccountSystem.GidOf(config.OsGroup) is var gid and >= 0
            ? gid
            : throw new IOException($"No OS group named {config.OsGroup}"));
        File.SetUnixFileMode(config.Socket, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        _listener.Listen(512);
        _accepting = Task.Run(AcceptAsync, CancellationToken.None);
        LogListening(logger, config.Socket);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _listener?.Dispose();
        await _accepting;
        Task[] sessions;
        lock (_lock)
        {
            sessions = [.. _sessions];
        }

        await Task.WhenAll(sessions).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        File.Delete(config.Socket);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener!.AcceptAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var session = Task.Run(() => ServeAsync(client), CancellationToken.None);
            lock (_lock)
            {
                _sessions.RemoveAll(t => t.IsCompleted);
                _sessions.Add(session);
            }
        }
    }

    private async Task ServeAsync(Socket client)
    {
        await using var stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            var (_, uid, _) = PeerCredentials.Of(client);
            var first = await FrameReading.ReadAsync(stream, _stopping.Token);
            if (first is not { } frame)
            {
                return;
            }

            if (frame.Type == OshFrame.KeysRequest)
            {
                await AnswerKeysAsync(stream, (int)uid, Encoding.UTF8.GetString(frame.Payload));
                return;
            }

            if (frame.Type != OshFrame.Hello)
            {
                return;
            }

            var hello = ParseHello(frame.Payload);
            var terminal = new SocketTerminal(stream, hello);
            await using (terminal)
            {
                var account = directory.Current.AccountByUid((int)uid);
                if (account is null || OsAccountSystem.NameOf((int)uid) != account.Name)
                {
                    using var refused = CancellationTokenSource.CreateLinkedTokenSource(terminal.Closed, _stopping.Token);
                    await terminal.WriteErrorLineAsync("Sorry, this OS user is not a bastion account", refused.Token);
                    await terminal.ExitAsync(Rampart.Bastion.Osh.OshExitCode.AccountInvalid, refused.Token);
                    return;
                }

                await RunAccountSessionAsync(account, hello, terminal);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or InvalidDataException or JsonException)
        {
            LogSessionEnded(logger, e.Message);
        }
#pragma warning disable CA1031 // One broken session must never take the daemon down; it is logged and closed.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogSessionFailed(logger, e);
        }
    }

    /// <summary>
    /// One account's session, registered as live so that freezing or deleting the account ends it: the client is then
    /// told why and gets the refusal's exit status, as at login.
    /// </summary>
    private async Task RunAccountSessionAsync(BastionAccount account, OshHello hello, SocketTerminal terminal)
    {
        using var live = sessions.Begin(account);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(terminal.Closed, _stopping.Token, live.Ending);
        int status;
        try
        {
            status = await shell.RunAsync(new OshCaller(account, hello.SshConnection), hello.Command, terminal, session.Token);
        }
        catch (OperationCanceledException) when (live.EndedBy is not null)
        {
            status = live.EndedBy.ExitCode;
        }

        using var closing = CancellationTokenSource.CreateLinkedTokenSource(terminal.Closed, _stopping.Token);
        if (live.EndedBy is { } end)
        {
            LogSessionCut(logger, account.Name, end.Reason);
            await terminal.WriteErrorLineAsync($"\r\nThis session was closed by the bastion: {end.Reason}.\r", closing.Token);
            status = end.ExitCode;
        }

        await terminal.ExitAsync(status, closing.Token);
    }

    /// <summary>sshd's AuthorizedKeysCommand, run as root or as the dedicated keys user only.</summary>
    private async Task AnswerKeysAsync(NetworkStream stream, int uid, string accountName)
    {
        var keysUid = OsAccountSystem.UidOf(KeysUser);
        var lines = new StringBuilder();
        if ((uid == 0 || uid == keysUid) && directory.Current.Account(accountName) is { } account)
        {
            foreach (var key in account.IngressKeys)
            {
                var from = settings.IngressFrom(key.Key.FromList);
                var options = from.Count > 0 ? $"restrict,pty,from=\"{string.Join(',', from)}\"" : "restrict,pty";
                lines.Append(options).Append(' ').Append(key.Key.BlobLine).Append('\n');
            }
        }

        var payload = Encoding.UTF8.GetBytes(lines.ToString());
        var header = new byte[OshFrame.HeaderSize];
        if (payload.Length > 0)
        {
            OshFrame.WriteHeader(header, OshFrame.Stdout, payload.Length);
            await stream.WriteAsync(header, _stopping.Token);
            await stream.WriteAsync(payload, _stopping.Token);
        }

        OshFrame.WriteHeader(header, OshFrame.Exit, 4);
        await stream.WriteAsync(header, _stopping.Token);
        await stream.WriteAsync(new byte[] { 0, 0, 0, 0 }, _stopping.Token);
    }

    private static OshHello ParseHello(byte[] payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        int Number(string name) => root.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : 0;
        var tty = root.TryGetProperty("tty", out var ttyValue) && ttyValue.ValueKind == JsonValueKind.True;
        var locale = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("locale", out var variables) && variables.ValueKind == JsonValueKind.Object)
        {
            foreach (var variable in variables.EnumerateObject())
            {
                if (variable.Value.ValueKind == JsonValueKind.String)
                {
                    locale[variable.Name] = variable.Value.GetString()!;
                }
            }
        }

        return new OshHello(Text("command"), tty, Text("term"), Number("rows"), Number("cols"), Text("sshConnection"), locale);
    }

    [LoggerMessage(EventId = 6300, Level = LogLevel.Information, Message = "Bastion front door listening on {Socket}")]
    private static partial void LogListening(ILogger logger, string socket);

    [LoggerMessage(EventId = 6301, Level = LogLevel.Debug, Message = "Bastion session ended early: {Reason}")]
    private static partial void LogSessionEnded(ILogger logger, string reason);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Information, Message = "Bastion session of {Account} closed: {Reason}")]
    private static partial void LogSessionCut(ILogger logger, string account, string reason);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Error, Message = "Bastion session failed")]
    private static partial void LogSessionFailed(ILogger logger, Exception exception);
}
