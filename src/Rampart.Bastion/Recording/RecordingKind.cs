namespace Rampart.Bastion.Recording;

/// <summary>What an egress session looks like, which decides how its output is recorded.</summary>
public enum RecordingKind
{
    /// <summary>A pty session: one terminal, so all output and the window's resizes go to one <c>.cast</c> file.</summary>
    Interactive,

    /// <summary>A command without a pty: stdout and stderr stay apart, in <c>.cast</c> and <c>.stderr.cast</c>.</summary>
    Command,
}
