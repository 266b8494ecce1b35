using Rampart.Core.Bastion.Keys;

namespace Rampart.Core.Bastion.Model;

/// <summary>A public key that lets an account log in to the bastion, with who added it and when.</summary>
public sealed record IngressKey(SshPublicKey Key, DateTimeOffset Added, string AddedBy);
