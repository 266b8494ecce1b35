using System.Text.Json.Nodes;

namespace Rampart.Core.Inventory.Types;

/// <summary>
/// What Rampart knows about one store type: how it is used, where it sits in the hierarchy, and what valid
/// store JSON looks like. Types Rampart does not know are still stored (see <see cref="UnknownConnectionType"/>).
/// </summary>
public abstract class ConnectionType
{
    /// <summary>The type id, as in the store JSON's <c>"type"</c> (XPipe's provider id).</summary>
    public abstract string Id { get; }

    /// <summary>XPipe's usage category, or null when unknown.</summary>
    public abstract string? UsageCategory { get; }

    /// <summary>True for types a persistent shell can be opened on.</summary>
    public virtual bool IsShell => false;

    /// <summary>True for identity types (users, passwords, keys) that connections can refer to.</summary>
    public virtual bool IsIdentity => false;

    /// <summary>The category an entry of this type goes to when <c>connection/add</c> names none.</summary>
    public virtual Guid DefaultCategory => WellKnownIds.DefaultCategory;

    /// <summary>The store JSON field whose reference makes the display parent, or null for top-level entries.</summary>
    public virtual string? DisplayParentField => null;

    /// <summary>Checks store JSON; throws a client error naming the field on the first problem.</summary>
    public virtual void Validate(StoreFields fields)
    {
    }

    /// <summary>The display parent of an entry with this data, or null. Never throws.</summary>
    public Guid? DisplayParent(JsonObject data)
    {
        if (DisplayParentField is null)
        {
            return null;
        }

        try
        {
            return StoreReference.Read(data[DisplayParentField]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
