using Rampart.Core.Errors;

namespace Rampart.Core.Inventory;

/// <summary>What a connection or category name may be: printable, non-empty, of a sensible length.</summary>
public static class EntryNames
{
    public const int MaxLength = 255;

    public static string Validate(string name, string what)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ClientErrorException($"The {what} name must not be empty");
        }

        if (name.Length > MaxLength)
        {
            throw new ClientErrorException($"The {what} name is longer than {MaxLength} characters");
        }

        if (name.Any(char.IsControl))
        {
            throw new ClientErrorException($"The {what} name must not contain control characters");
        }

        return name;
    }
}
