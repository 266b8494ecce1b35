using System.Text;

namespace Rampart.Bastion.Recording;

/// <summary>
/// Replays recorded sessions: the output events of one or more asciicast files (a command's stdout and stderr files,
/// which share their start) merged by time and written as UTF-8, with the recorded pauses between them.
/// </summary>
public static class SessionPlayback
{
    /// <summary>Longest single pause, whatever the recording and the speed say.</summary>
    private static readonly TimeSpan s_longestPause = TimeSpan.FromDays(1);

    /// <summary>
    /// Plays <paramref name="castFiles"/> into <paramref name="output"/>. Pauses are divided by
    /// <paramref name="speed"/> (at or below 0, or infinite: no pauses, for a non-terminal) after being cut to
    /// <paramref name="maxIdleSeconds"/> (infinite: not cut). Events at the same time keep the order of the files.
    /// </summary>
    public static async Task PlayAsync(
        IReadOnlyList<string> castFiles, Stream output, double speed, double maxIdleSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(castFiles);
        ArgumentNullException.ThrowIfNull(output);
        if (double.IsNaN(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The speed is a number.");
        }

        if (double.IsNaN(maxIdleSeconds) || maxIdleSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIdleSeconds), maxIdleSeconds, "The idle limit is a number of seconds, 0 or more.");
        }

        var recordings = new List<AsciicastRecording>(castFiles.Count);
        foreach (var file in castFiles)
        {
            recordings.Add(await AsciicastReader.ReadAsync(file, cancellationToken));
        }

        // OrderBy is stable: at equal times, stdout (the first file) comes before stderr, as each file was written.
        var events = recordings.SelectMany(r => r.Events).Where(e => e.Code == "o").OrderBy(e => e.Time);
        var paced = PauseFor(1, speed, maxIdleSeconds) > TimeSpan.Zero;
        var previous = 0.0;
        foreach (var e in events)
        {
            var pause = PauseFor(e.Time - previous, speed, maxIdleSeconds);
            previous = e.Time;
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, cancellationToken);
            }

            await output.WriteAsync(Encoding.UTF8.GetBytes(e.Data), cancellationToken);
            if (paced)
            {
                // Someone is watching: show each event before the next pause.
                await output.FlushAsync(cancellationToken);
            }
        }

        await output.FlushAsync(cancellationToken);
    }

    /// <summary>How long to wait for a gap of <paramref name="gapSeconds"/> in the recording.</summary>
    internal static TimeSpan PauseFor(double gapSeconds, double speed, double maxIdleSeconds)
    {
        if (!(speed > 0) || double.IsPositiveInfinity(speed) || !(gapSeconds > 0))
        {
            return TimeSpan.Zero;
        }

        var seconds = Math.Min(gapSeconds, maxIdleSeconds) / speed;
        return seconds >= s_longestPause.TotalSeconds ? s_longestPause : TimeSpan.FromSeconds(seconds);
    }
}
