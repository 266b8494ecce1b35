using System.Text;

namespace Rampart.Bastion.Tests.Recording;

/// <summary>A fresh directory for one test, removed afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("rampart-cast-").FullName;

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The file's lines as they are on disk now, read alongside the recorder that may still hold it open.</summary>
    public static string[] Lines(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, true));
        var text = reader.ReadToEnd();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return text[..^1].Split('\n');
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
