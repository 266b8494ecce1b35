namespace Rampart.Core.Bastion.Sessions;

/// <summary>
/// One use of the bastion by an account, allowed or not: a plugin run (<c>osh</c>) or an egress connection (<c>ssh</c>).
/// Listed by <c>selfListSessions</c>; egress sessions point at their recording.
/// </summary>
/// <param name="Id">The 12-hex-digit unique id, shown to the user and used by <c>selfPlaySession --id</c>.</param>
public sealed record BastionSession(
    string Id,
    string Account,
    string Type,
    string? Plugin,
    bool Allowed,
    SessionEndpoint From,
    SessionEndpoint Via,
    SessionEndpoint? To,
    string? User,
    string? Params,
    DateTimeOffset Started,
    DateTimeOffset? Ended,
    int? Returned,
    IReadOnlyList<string> Recordings);
