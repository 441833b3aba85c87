using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Archive.Verify;

/// <summary>
/// ARC-02 / SEC-02: checks an exported archive ZIP. The files against manifest.json (<see cref="ManifestCheck"/>), then
/// the manifest against the audit trail: its SHA-256 must appear in an <c>archive.exported</c> entry, the audit chain must
/// verify (so that entry cannot have been forged or edited), and the chain head the manifest names must still carry the
/// hash it recorded. An edited manifest therefore shows up as unknown, an edited file as changed.
/// </summary>
public sealed class ArchiveVerifier(AppDbContext db, AuditVerifier chain)
{
    public const string ExportedAction = "archive.exported";

    public async Task<ArchiveCheckResult> VerifyAsync(Stream zip, CancellationToken ct)
    {
        var files = ManifestCheck.Check(zip);
        if (files.Manifest is null || files.ManifestSha256 is null) return files;
        var items = files.Items.ToList();
        var sha = files.ManifestSha256;

        var exported = await db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.Action == ExportedAction && a.Detail.Contains(sha) && a.Sequence > 0)
            .OrderBy(a => a.Sequence).Select(a => new { a.Sequence, a.AtUtc, a.ActorName }).FirstOrDefaultAsync(ct);
        items.Add(exported is null
            ? new(ArchiveCheckStatus.ManifestUnknown, "manifest.json", $"审计日志中没有导出过哈希为 {sha[..16]}… 的清单：清单被改动，或不是本平台导出的档案。")
            : new(ArchiveCheckStatus.Ok, "manifest.json", $"清单哈希登记于第 {exported.Sequence} 号审计记录（{exported.AtUtc.AddHours(8):yyyy-MM-dd HH:mm} 由 {exported.ActorName} 导出）。"));

        if (files.Manifest.AuditHead is { } head)
        {
            var hash = await db.Set<AuditEntry>().AsNoTracking().Where(a => a.Sequence == head.Sequence).Select(a => a.Hash).FirstOrDefaultAsync(ct);
            items.Add(hash == head.Hash
                ? new(ArchiveCheckStatus.Ok, "auditHead", $"导出时的审计链头（第 {head.Sequence} 号）与现存记录一致。")
                : new(ArchiveCheckStatus.HeadMismatch, "auditHead", $"清单记录的审计链头（第 {head.Sequence} 号）与现存审计记录不符。"));
        }

        var verification = await chain.VerifyAsync(ct);
        items.Add(verification.Intact
            ? new(ArchiveCheckStatus.Ok, "audit-chain", verification.Message)
            : new(ArchiveCheckStatus.ChainBroken, "audit-chain", verification.Message));
        return files with { Items = items };
    }
}
