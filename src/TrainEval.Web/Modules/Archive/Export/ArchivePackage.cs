using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TrainEval.Web.Modules.Archive.Export;

/// <summary>Writes the ZIP of an archive: the given files, then manifest.json (hashes of all of them) and manifest.sha256.</summary>
public static class ArchivePackage
{
    public sealed record Packed(byte[] Zip, string ManifestSha256, ArchiveManifest Manifest);

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <param name="files">Paths inside the ZIP (forward slashes, unique) and content.</param>
    /// <param name="manifestFor">Builds the manifest around the list of files with their hashes.</param>
    public static Packed Write(IReadOnlyList<(string Path, byte[] Content)> files, Func<IReadOnlyList<ManifestFile>, ArchiveManifest> manifestFor, DateTime stampUtc)
    {
        var listed = files.Select(f => new ManifestFile(f.Path, Sha256(f.Content), f.Content.LongLength)).ToList();
        var manifest = manifestFor(listed);
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, ArchiveManifest.Json);
        var manifestSha = Sha256(manifestBytes);
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8))
        {
            void Add(string path, byte[] content, CompressionLevel level)
            {
                var entry = zip.CreateEntry(path, level);
                entry.LastWriteTime = new DateTimeOffset(DateTime.SpecifyKind(stampUtc, DateTimeKind.Utc)).ToOffset(TimeSpan.FromHours(8));
                using var s = entry.Open();
                s.Write(content);
            }
            Add(ArchiveManifest.FileName, manifestBytes, CompressionLevel.Optimal);
            Add(ArchiveManifest.ChecksumFileName, Encoding.ASCII.GetBytes($"{manifestSha}  {ArchiveManifest.FileName}\n"), CompressionLevel.NoCompression);
            foreach (var (path, content) in files)
                Add(path, content, path.EndsWith(".pdf", StringComparison.Ordinal) || path.EndsWith(".png", StringComparison.Ordinal)
                    || path.EndsWith(".jpg", StringComparison.Ordinal) ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
        }
        return new(ms.ToArray(), manifestSha, manifest);
    }

    /// <summary>A unique path for a file: "name.ext", then "name-2.ext", …</summary>
    public static string Unique(ISet<string> taken, string folder, string fileName)
    {
        var path = $"{folder}/{fileName}";
        var ext = Path.GetExtension(fileName);
        var stem = fileName[..^ext.Length];
        for (var i = 2; !taken.Add(path); i++) path = $"{folder}/{stem}-{i}{ext}";
        return path;
    }
}
