using System.Collections.Concurrent;
using Rampart.Core.Errors;

namespace Rampart.Daemon.Files;

/// <summary>
/// Uploaded blobs (<c>/fs/blob</c>), each spooled to an owner-only file in the data directory as it arrives, so a
/// 1 GiB upload needs no 1 GiB of memory. As in XPipe they can be used any number of times and live until the daemon
/// stops; the directory is emptied at start and at stop.
/// </summary>
public sealed class BlobStore : IDisposable
{
    private readonly string _directory;
    private readonly ConcurrentDictionary<Guid, string> _blobs = new();

    public BlobStore(string dataDirectory)
    {
        _directory = Path.Combine(dataDirectory, "blobs");
        Clear();
        Directory.CreateDirectory(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public async Task<Guid> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var path = Path.Combine(_directory, id.ToString("N"));
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            Options = FileOptions.Asynchronous,
        };
        try
        {
            await using (var file = new FileStream(path, options))
            {
                await content.CopyToAsync(file, 128 * 1024, cancellationToken);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        _blobs[id] = path;
        return id;
    }

    /// <summary>The file holding the blob.</summary>
    /// <exception cref="NotFoundException">No such blob.</exception>
    public string PathOf(Guid id) =>
        _blobs.TryGetValue(id, out var path) ? path : throw new NotFoundException($"No saved data known for id {id}");

    public void Dispose() => Clear();

    private void Clear()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        _blobs.Clear();
    }
}
