namespace Rampart.Core.Inventory;

/// <summary>What <c>connection/add</c> did: added a new entry, updated a same-named one, or found an equal one.</summary>
public enum AddEntryOutcome
{
    Added,
    Updated,
    AlreadyPresent,
}

/// <summary>The id <c>connection/add</c> returns, and what happened.</summary>
public sealed record AddEntryResult(Guid Id, AddEntryOutcome Outcome);
