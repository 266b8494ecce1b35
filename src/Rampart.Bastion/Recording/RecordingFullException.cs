namespace Rampart.Bastion.Recording;

/// <summary>
/// A session produced more output than its recording may hold (<c>recording_max_bytes</c>). The session ends rather
/// than go on unrecorded: output the gateway could not record is never shown.
/// </summary>
public sealed class RecordingFullException(long limit)
    : IOException($"the session's recording reached its limit of {limit} bytes of output")
{
    public long Limit => limit;
}
