using System.Text;

namespace Rampart.Bastion.Entry;

/// <summary>
/// Unbuffered streams on file descriptors 0, 1 and 2. System.Console is avoided on purpose: on a terminal it reads
/// stdin through its own line editor and initialises the terminal before the first write.
/// </summary>
internal sealed class StandardStreams : IDisposable
{
    public const int InputFd = 0;

    public Stream Input { get; } = new DescriptorStream(InputFd, FileAccess.Read);

    public Stream Output { get; } = new DescriptorStream(1, FileAccess.Write);

    public Stream Error { get; } = new DescriptorStream(2, FileAccess.Write);

    /// <summary>One line <c>rampart-osh: message</c> on stderr; a closed stderr is no reason to fail.</summary>
    public void Complain(string message)
    {
        try
        {
            Error.Write(Encoding.UTF8.GetBytes($"rampart-osh: {message}\n"));
        }
        catch (IOException)
        {
        }
    }

    public void Dispose()
    {
        Input.Dispose();
        Output.Dispose();
        Error.Dispose();
    }
}
