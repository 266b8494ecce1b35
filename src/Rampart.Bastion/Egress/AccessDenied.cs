using System.Globalization;
using System.Net;

namespace Rampart.Bastion.Egress;

/// <summary>The Bastion's refusal of a connection, in one wording for egress sessions and for the scp/sftp token check.</summary>
public static class AccessDenied
{
    /// <param name="userDefaulted">The remote user was not given, so the account's default was tried; the message says so.</param>
    public static string Message(string account, string user, IPAddress address, int? port, bool userDefaulted) =>
        string.Create(CultureInfo.InvariantCulture, $"Access denied for {account} to {user}@{address}{(port is { } p ? $":{p}" : "")}")
        + (userDefaulted ? $" (tried with remote user '{user}')" : "");
}
