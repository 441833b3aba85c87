using System.Security.Cryptography;

namespace TrainEval.Web.Platform.Files;

/// <summary>Stored-file access. Keys are opaque; content is addressed by its SHA-256 so a stored file cannot change silently.</summary>
public interface IFileStore
{
    Task<StoredFile> SaveAsync(Stream content, CancellationToken ct);
    Task<Stream?> OpenAsync(string key, CancellationToken ct);

    /// <summary>
    /// Removes a stored file — only for controlled disposal after its retention period (ARC-02, see Platform/Retention),
    /// never as a user action. True when a file was removed.
    /// </summary>
    Task<bool> DeleteAsync(string key, CancellationToken ct) => Task.FromResult(false);
}

public sealed record StoredFile(string Key, string Sha256, long Length);

public sealed class FileStoreOptions
{
    public const string Section = "Platform:Files";
    public string Root { get; set; } = "App_Data/files";
}

/// <summary>Local disk store (the embedded default). Writes to a temp file, hashes, fsyncs, then renames into place.</summary>
public sealed class LocalFileStore : IFileStore
{
    private readonly string root;

    public LocalFileStore(FileStoreOptions options, IHostEnvironment env)
    {
        root = Path.IsPathRooted(options.Root) ? options.Root : Path.Combine(env.ContentRootPath, options.Root);
        Directory.CreateDirectory(root);
    }

    public async Task<StoredFile> SaveAsync(Stream content, CancellationToken ct)
    {
        var temp = Path.Combine(root, "tmp-" + Guid.NewGuid().ToString("N"));
        long length;
        string hash;
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            await file.FlushAsync(ct);
            file.Flush(flushToDisk: true);
            length = file.Length;
            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        var key = $"{hash[..2]}/{hash}";
        var target = Path.Combine(root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target)) File.Delete(temp);
        else File.Move(temp, target);
        return new StoredFile(key, hash, length);
    }

    public Task<Stream?> OpenAsync(string key, CancellationToken ct)
    {
        if (key.Contains("..") || Path.IsPathRooted(key)) return Task.FromResult<Stream?>(null);
        var path = Path.Combine(root, key);
        return Task.FromResult<Stream?>(File.Exists(path) ? File.OpenRead(path) : null);
    }

    public Task<bool> DeleteAsync(string key, CancellationToken ct)
    {
        if (key.Contains("..") || Path.IsPathRooted(key)) return Task.FromResult(false);
        var path = Path.Combine(root, key);
        if (!File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }
}
