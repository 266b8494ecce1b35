using System.Text;

namespace Rampart.Daemon.Hosting;

/// <summary>
/// Where the vault passphrase comes from: <c>RAMPART_VAULT_PASSPHRASE</c> (removed from the environment once read,
/// so no child process inherits it), else a prompt when the daemon runs on a terminal, else none.
/// </summary>
public static class VaultPassphrase
{
    public const string Variable = "RAMPART_VAULT_PASSPHRASE";

    public static string? Read()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(Variable);
        if (fromEnvironment is not null)
        {
            Environment.SetEnvironmentVariable(Variable, null);
            return fromEnvironment.Length == 0 ? null : fromEnvironment;
        }

        if (Console.IsInputRedirected || Console.IsErrorRedirected)
        {
            return null;
        }

        Console.Error.Write("Vault passphrase (empty for none): ");
        var passphrase = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (passphrase.Length > 0)
                {
                    passphrase.Length--;
                }

                continue;
            }

            passphrase.Append(key.KeyChar);
        }

        Console.Error.WriteLine();
        return passphrase.Length == 0 ? null : passphrase.ToString();
    }
}
