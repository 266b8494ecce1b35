namespace Rampart.Core.Bastion.Model;

/// <summary>Why and by whom an account was frozen: it cannot log in until unfrozen.</summary>
public sealed record FreezeInfo(string By, DateTimeOffset At, string? Reason);
