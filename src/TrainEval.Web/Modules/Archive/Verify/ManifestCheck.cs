using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TrainEval.Web.Modules.Archive.Export;

namespace TrainEval.Web.Modules.Archive.Verify;

public enum ArchiveCheckStatus { Ok, Changed, Missing, Extra, NotAZip, ManifestMissing, ManifestInvalid, ChecksumMismatch, ManifestUnknown, ChainBroken, HeadMismatch }

/// <summary>One line of a verification result: a file, the manifest or the audit chain.</summary>
public sealed record ArchiveCheckItem(ArchiveCheckStatus Status, string Path, string Message)
{
    public bool IsProblem => Status != ArchiveCheckStatus.Ok;
}

public sealed record ArchiveCheckResult(ArchiveManifest? Manifest, string? ManifestSha256, IReadOnlyList<ArchiveCheckItem> Items)
{
    public bool Intact => Manifest is not null && Items.Count > 0 && Items.All(i => !i.IsProblem);
    public IEnumerable<ArchiveCheckItem> Problems => Items.Where(i => i.IsProblem);
}

/// <summary>
/// The file part of ARC-02 verification, without the database: every file listed in manifest.json must be in the ZIP with
/// the same size and SHA-256, no other file may be there, and manifest.sha256 must name the manifest's hash. Entries are
/// hashed as streams and never read past their listed size, so a ZIP bomb costs at most the sizes the manifest claims.
/// </summary>
public static class ManifestCheck
{
    public const int MaxEntries = 50_000;
    public const long MaxManifestBytes = 64L * 1024 * 1024;

    public static ArchiveCheckResult Check(Stream zipStream)
    {
        ZipArchive zip;
        try { zip = new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: Encoding.UTF8); }
        catch (InvalidDataException) { return Fail(ArchiveCheckStatus.NotAZip, "", "文件不是有效的 ZIP 压缩包。"); }
        using (zip)
        {
            if (zip.Entries.Count > MaxEntries) return Fail(ArchiveCheckStatus.NotAZip, "", $"压缩包内文件超过 {MaxEntries} 个，不是本平台导出的档案。");
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            var items = new List<ArchiveCheckItem>();
            foreach (var e in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
                if (!entries.TryAdd(e.FullName, e)) items.Add(new(ArchiveCheckStatus.Extra, e.FullName, "压缩包内有重名文件。"));

            if (!entries.TryGetValue(ArchiveManifest.FileName, out var manifestEntry))
                return Fail(ArchiveCheckStatus.ManifestMissing, ArchiveManifest.FileName, "压缩包内没有 manifest.json，无法校验。");
            var (manifestBytes, tooLong) = ReadAtMost(manifestEntry, MaxManifestBytes);
            if (tooLong) return Fail(ArchiveCheckStatus.ManifestInvalid, ArchiveManifest.FileName, "manifest.json 过大，不是本平台导出的清单。");
            var manifestSha = Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
            ArchiveManifest? manifest;
            try { manifest = JsonSerializer.Deserialize<ArchiveManifest>(manifestBytes, ArchiveManifest.Json); }
            catch (JsonException) { manifest = null; }
            if (manifest?.Files is null || manifest.Format != ArchiveManifest.CurrentFormat)
                return new(null, manifestSha, [.. items, new(ArchiveCheckStatus.ManifestInvalid, ArchiveManifest.FileName, "manifest.json 无法解析或格式不符。")]);

            if (!entries.TryGetValue(ArchiveManifest.ChecksumFileName, out var checksumEntry))
                items.Add(new(ArchiveCheckStatus.Missing, ArchiveManifest.ChecksumFileName, "缺少 manifest.sha256。"));
            else
            {
                var (checksum, _) = ReadAtMost(checksumEntry, 1024);
                var stated = Encoding.ASCII.GetString(checksum).Split(' ', 2)[0].Trim();
                items.Add(string.Equals(stated, manifestSha, StringComparison.OrdinalIgnoreCase)
                    ? new(ArchiveCheckStatus.Ok, ArchiveManifest.ChecksumFileName, "与 manifest.json 的哈希一致。")
                    : new(ArchiveCheckStatus.ChecksumMismatch, ArchiveManifest.ChecksumFileName, "manifest.sha256 与 manifest.json 的实际哈希不一致。"));
            }

            var listed = new HashSet<string>(StringComparer.Ordinal) { ArchiveManifest.FileName, ArchiveManifest.ChecksumFileName };
            foreach (var f in manifest.Files)
            {
                if (!listed.Add(f.Path)) { items.Add(new(ArchiveCheckStatus.ManifestInvalid, f.Path, "清单重复列出该文件。")); continue; }
                if (!entries.TryGetValue(f.Path, out var entry)) { items.Add(new(ArchiveCheckStatus.Missing, f.Path, "清单列出的文件在压缩包中缺失。")); continue; }
                var (sha, size) = Hash(entry, f.Size);
                items.Add(size < 0 ? new(ArchiveCheckStatus.Changed, f.Path, "文件已损坏，无法读取（压缩数据被改动）。")
                    : size != f.Size ? new(ArchiveCheckStatus.Changed, f.Path, $"文件大小与清单不符（清单 {f.Size} 字节，实际{(size > f.Size ? "超过" : " " + size + " 字节")}）。")
                    : !string.Equals(sha, f.Sha256, StringComparison.OrdinalIgnoreCase) ? new(ArchiveCheckStatus.Changed, f.Path, "文件内容已被改动（SHA-256 与清单不符）。")
                    : new(ArchiveCheckStatus.Ok, f.Path, "一致"));
            }
            foreach (var name in entries.Keys.Where(n => !listed.Contains(n)).Order(StringComparer.Ordinal))
                items.Add(new(ArchiveCheckStatus.Extra, name, "清单中没有该文件：压缩包被加入了文件。"));
            return new(manifest, manifestSha, items);
        }
    }

    private static ArchiveCheckResult Fail(ArchiveCheckStatus status, string path, string message) => new(null, null, [new(status, path, message)]);

    private static (byte[] Bytes, bool TooLong) ReadAtMost(ZipArchiveEntry entry, long max)
    {
        using var s = entry.Open();
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (ms.Length + n > max) return ([], true);
            ms.Write(buffer, 0, n);
        }
        return (ms.ToArray(), false);
    }

    /// <summary>SHA-256 and size of an entry, reading at most one byte beyond <paramref name="expectedSize"/>.</summary>
    private static (string Sha256, long Size) Hash(ZipArchiveEntry entry, long expectedSize)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var s = entry.Open();
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            int n;
            while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += n;
                if (total > expectedSize) return ("", total);
                hash.AppendData(buffer, 0, n);
            }
        }
        catch (InvalidDataException) { return ("", -1); }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), total);
    }
}
