namespace Rampart.Core.Access;

/// <summary>The bastion account an API key belongs to, and since when.</summary>
/// <param name="Since">
/// The key's creation: an account created after it (deleted, then made again under the same name) is someone else's.
/// </param>
public sealed record BastionBinding(string Account, DateTimeOffset Since);
