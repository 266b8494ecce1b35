namespace Rampart.Core.Bastion.Names;

/// <summary>The verdict on an account or group name, with the reference's error code and message when refused.</summary>
public sealed record NameCheck(bool Ok, string? ErrorCode, string? Message)
{
    public static NameCheck Valid { get; } = new(true, null, null);

    public static NameCheck Refused(string errorCode, string message) => new(false, errorCode, message);
}
