using Rampart.Core.Bastion.Sessions;

namespace Rampart.Bastion.Plugins;

/// <summary>
/// What a plugin run that connects somewhere (scp, sftp, rsync) adds to its session-log row: the target it reached and
/// the recording it wrote. The dispatcher writes the row when the plugin returns; other plugins leave this empty.
/// </summary>
public sealed class PluginSessionDetails
{
    /// <summary>When the run began (the row is written when it ends).</summary>
    public DateTimeOffset? Started { get; init; }

    public SessionEndpoint? To { get; set; }

    public string? User { get; set; }

    public IReadOnlyList<string> Recordings { get; set; } = [];
}
