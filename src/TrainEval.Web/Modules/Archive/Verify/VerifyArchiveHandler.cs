using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Archive.Verify;

public sealed record VerifyOutcome(ArchiveCheckResult? Result, string? Error);

/// <summary>
/// Checks the upload (present, at most 200 MB, starts with a ZIP signature), spools it to a temporary file that is
/// deleted on close, runs <see cref="ArchiveVerifier"/> and audits the check with its outcome (<c>archive.verified</c>).
/// </summary>
public sealed class VerifyArchiveHandler(ArchiveVerifier verifier, AuditLog audit, AppDbContext db)
{
    private static readonly byte[][] ZipSignatures = [[0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06]];

    public async Task<VerifyOutcome> VerifyAsync(IFormFile? upload, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0) return new(null, "请选择要校验的档案压缩包（ZIP）。");
        if (upload.Length > VerifyArchiveModel.MaxZipBytes) return new(null, "文件超过 200 MB，不是本平台导出的档案。");
        var path = Path.GetTempFileName();
        await using var temp = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (var input = upload.OpenReadStream()) await input.CopyToAsync(temp, ct);
        temp.Position = 0;
        var head = new byte[4];
        var read = await temp.ReadAtLeastAsync(head, 4, throwOnEndOfStream: false, ct);
        if (read < 4 || !ZipSignatures.Any(s => s.AsSpan().SequenceEqual(head))) return new(null, "文件内容不是 ZIP 压缩包，请上传平台导出的档案压缩包。");
        temp.Position = 0;
        var result = await verifier.VerifyAsync(temp, ct);
        audit.Record("archive.verified", "archive_manifest", result.ManifestSha256 ?? "", new
        {
            intact = result.Intact, problems = result.Problems.Select(p => $"{p.Status}:{p.Path}").Take(50).ToArray(), size = upload.Length,
        });
        await db.SaveChangesAsync(ct);
        return new(result, null);
    }
}
