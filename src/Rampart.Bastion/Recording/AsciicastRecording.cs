namespace Rampart.Bastion.Recording;

/// <summary>An asciicast v2 file as read: its header and its events in file order (their times never decrease).</summary>
public sealed record AsciicastRecording(AsciicastHeader Header, IReadOnlyList<AsciicastEvent> Events);
