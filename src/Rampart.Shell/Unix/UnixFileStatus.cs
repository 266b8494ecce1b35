namespace Rampart.Shell.Unix;

/// <summary>A file's owner and <c>st_mode</c> (type and permission bits).</summary>
public sealed record UnixFileStatus(uint Owner, ushort Mode)
{
    public bool IsRegularFile => (Mode & 0xF000) == 0x8000;

    /// <summary>Someone besides the owner may change it (group or other write bit).</summary>
    public bool IsWritableByOthers => (Mode & 0x12) != 0;
}
