namespace Rampart.Core.Errors;

/// <summary>The caller is known but not allowed to do this (HTTP 403).</summary>
public sealed class AccessDeniedException : RampartException
{
    public AccessDeniedException(string message)
        : base(message)
    {
    }
}
