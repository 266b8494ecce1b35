using System.Text;

namespace Rampart.Integration.Tests.Bastion;

/// <summary>How a run of the entry program ended, its output byte for byte.</summary>
public sealed record EntryResult(int Code, byte[] Out, byte[] Error)
{
    public string ErrorText => Encoding.UTF8.GetString(Error);

    public override string ToString() => $"exit {Code}\nstdout: {Encoding.UTF8.GetString(Out)}\nstderr: {ErrorText}";
}
