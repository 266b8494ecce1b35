namespace Rampart.Bastion.Recording;

/// <summary>One event of an asciicast: seconds since the start, its code ("o" output, "r" resize…) and its data.</summary>
public sealed record AsciicastEvent(double Time, string Code, string Data);
