using System.Security.Cryptography;

namespace Rampart.Bastion.Dispatch;

/// <summary>The Bastion's unique session ids: 12 hexadecimal digits, random.</summary>
public static class SessionIds
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static bool IsValid(string text) => text.Length == 12 && text.All(char.IsAsciiHexDigitLower);
}
