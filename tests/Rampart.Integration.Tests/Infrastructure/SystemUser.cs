using System.Diagnostics;
using System.Security.Cryptography;

namespace Rampart.Integration.Tests.Infrastructure;

/// <summary>
/// A throwaway OS account with a random password, for password logins against a test sshd: named with the
/// <c>rtest-</c> prefix and removed (home included) when disposed. Needs root, as in CI.
/// </summary>
public sealed class SystemUser : IAsyncDisposable
{
    private SystemUser(string name, string password)
    {
        Name = name;
        Password = password;
    }

    public string Name { get; }

    public string Password { get; }

    public static bool CanCreate => Environment.UserName == "root" && File.Exists("/usr/sbin/useradd");

    public static async Task<SystemUser> CreateAsync(CancellationToken cancellationToken)
    {
        var name = "rtest-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var password = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) + "!'\"$ x";
        await RunAsync(["useradd", "-m", "-s", "/bin/sh", name], null, cancellationToken);
        await RunAsync(["chpasswd"], $"{name}:{password}\n", cancellationToken);
        return new SystemUser(name, password);
    }

    public async ValueTask DisposeAsync()
    {
        // Its processes first (a shell left behind by a failed test), then the account and its home.
        await RunAsync(["pkill", "-KILL", "-u", Name], null, CancellationToken.None, check: false);
        await RunAsync(["userdel", "-r", Name], null, CancellationToken.None, check: false);
    }

    private static async Task RunAsync(string[] command, string? input, CancellationToken cancellationToken, bool check = true)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in command[1..])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command[0]} failed: {await error}");
        }
    }
}
