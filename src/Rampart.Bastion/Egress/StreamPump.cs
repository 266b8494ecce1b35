namespace Rampart.Bastion.Egress;

/// <summary>The byte pumps between the account's terminal, OpenSSH's client and the session recording.</summary>
internal static class StreamPump
{
    public delegate void Record(ReadOnlySpan<byte> data);

    /// <summary>
    /// The account's keystrokes or piped input to ssh, until either side ends; closes ssh's input when asked. Each read
    /// is first shown to <paramref name="admit"/>, which may drop it (a locked session). Returns how many bytes were
    /// passed on.
    /// </summary>
    public static async Task<long> InputAsync(
        Stream source, Stream destination, bool closeAtEnd, CancellationToken cancellationToken, Func<bool>? admit = null)
    {
        var buffer = new byte[32 * 1024];
        long total = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (admit is not null && !admit())
                {
                    continue;
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await destination.FlushAsync(cancellationToken);
                total += read;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The session ended first, or ssh stopped reading: nothing more to pass on.
        }
        finally
        {
            if (closeAtEnd)
            {
                try
                {
                    destination.Close();
                }
                catch (IOException)
                {
                }
            }
        }

        return total;
    }

    /// <summary>
    /// Waits for every pump, but fails as soon as one fails: a pump that stopped (a full recording, a broken one) must
    /// end the session at once, while the others would only end with ssh.
    /// </summary>
    public static async Task AllOrFirstFailureAsync(params Task[] pumps)
    {
        var running = pumps.ToList();
        while (running.Count > 0)
        {
            var done = await Task.WhenAny(running);
            await done;
            running.Remove(done);
        }
    }

    /// <summary>Ends ssh (and what it started) after the session failed; it may be gone already.</summary>
    public static void Stop(System.Diagnostics.Process ssh)
    {
        try
        {
            ssh.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }
    }

    /// <summary>
    /// ssh's output to the recording and the account's terminal until it ends. A terminal's master reports the end as
    /// an I/O error (EIO once the child's side is closed), which ends the pump like end-of-file does. Returns how many
    /// bytes were passed on.
    /// </summary>
    public static async Task<long> OutputAsync(
        Stream source, Record record, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> write, CancellationToken cancellationToken)
    {
        // As large as a pipe's default capacity: bulk output moves in as few reads, records and frames as it can.
        var buffer = new byte[64 * 1024];
        long total = 0;
        while (true)
        {
            int read;
            try
            {
                read = await source.ReadAsync(buffer, cancellationToken);
            }
            catch (IOException)
            {
                return total;
            }

            if (read == 0)
            {
                return total;
            }

            // Recorded first: what the client was sent is always in the recording, even if the client vanishes.
            record(buffer.AsSpan(0, read));
            // The buffer is reused only once the write has completed, so it needs no copy.
            await write(buffer.AsMemory(0, read), cancellationToken);
            total += read;
        }
    }
}
