using Rampart.Core.Bastion.Model;

namespace Rampart.Core.Bastion.Access;

/// <summary>The outcome of <see cref="ProtocolAccess.Decide"/>: the keys to use and the grants that allowed it, or why not.</summary>
/// <param name="Refusal">Null when allowed; else The Bastion's message for the <c>KO_ACCESS_DENIED</c> answer.</param>
public sealed record ProtocolAccessDecision(IReadOnlyList<EgressKey> Keys, IReadOnlyList<AccessGrant> Grants, string? Refusal)
{
    public bool Allowed => Refusal is null;

    public static ProtocolAccessDecision Denied(string refusal) => new([], [], refusal);
}
