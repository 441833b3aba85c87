using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Archive.Verify;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Pdf;

namespace TrainEval.Web.Modules.Archive.Export;

/// <summary>The ZIP a user downloads and the name to save it under.</summary>
public sealed record ArchiveExport(byte[] Zip, string FileName, string ManifestSha256);

/// <summary>
/// ARC-01/02 export: summary.pdf, records/{section}.json, attachments/{section}/{file}, manifest.json (every file's SHA-256
/// and size, the export facts, the audit chain head) and manifest.sha256; then one <c>archive.exported</c> audit entry
/// carrying the manifest's SHA-256 is saved together with any reveal entry the build staged — one transaction.
/// </summary>
public sealed class ArchiveExporter(AppDbContext db, AuditLog audit, CurrentUser me, IConfiguration configuration)
{
    public async Task<ArchiveExport> ExportAsync(LearnerArchive archive, CancellationToken ct)
    {
        CjkFontResolver.EnsureRegistered(configuration);
        var r = archive.Request;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<(string Path, byte[] Content)>();
        foreach (var s in archive.Sections)
        {
            var json = new
            {
                section = s.Key, title = s.Title, order = s.Order,
                records = s.Content.Records.Select(x => new { type = x.Type, id = x.Id, fields = x.Fields }),
                events = s.Content.Events.Select(e => new { atUtc = e.AtUtc, title = e.Title, detail = e.Detail, actor = e.Actor }),
                attachments = s.Content.Attachments.Select(a => new { fileName = a.FileName, contentType = a.ContentType }),
            };
            files.Add((ArchivePackage.Unique(taken, "records", s.Key + ".json"), JsonSerializer.SerializeToUtf8Bytes(json, ArchiveManifest.Json)));
            foreach (var a in s.Content.Attachments)
                files.Add((ArchivePackage.Unique(taken, $"attachments/{s.Key}", a.FileName), await a.ReadAsync(ct)));
        }

        var head = await db.Set<AuditEntry>().AsNoTracking().Where(a => a.Sequence > 0).OrderByDescending(a => a.Sequence)
            .Select(a => new ManifestAuditHead(a.Id, a.Sequence, a.Hash)).FirstOrDefaultAsync(ct);
        var learner = archive.Learner;
        var sections = archive.Sections.Select(s => new ManifestSection(s.Key, s.Title, s.Order, s.Content.Records.Count, s.Content.Events.Count,
            s.Content.Attachments.Count)).ToList();
        ArchiveManifest ManifestFor(IReadOnlyList<ManifestFile> listed) => new(ArchiveManifest.CurrentFormat,
            new ManifestLearner(learner.UserId, learner.RealName, learner.Account, learner.IdTypeName, learner.IdNumber),
            r.AtUtc, new ManifestActor(me.UserId, me.DisplayName, Roles.DisplayName(me.PrimaryRole)),
            new ManifestScope(r.InstitutionIds is not null, r.InstitutionIds?.Order().ToList() ?? []),
            new ManifestMasking(learner.Revealed, learner.Revealed ? "证件号码完整导出，导出人具有查看敏感信息权限，已记入审计。" : "证件号码、手机号按平台规则脱敏。"),
            head, sections, listed);

        // summary.pdf is listed in the manifest like every other file, so it is built from the manifest's facts first.
        var preliminary = ManifestFor([]);
        files.Insert(0, ("summary.pdf", SummaryPdf.Build(archive, preliminary)));
        var packed = ArchivePackage.Write(files, ManifestFor, r.AtUtc);

        audit.Record(ArchiveVerifier.ExportedAction, "learner", learner.UserId.ToString(), new
        {
            manifestSha256 = packed.ManifestSha256, files = packed.Manifest.Files.Count, records = archive.RecordCount,
            revealed = learner.Revealed, scope = r.InstitutionIds is null ? "all" : string.Join(",", r.InstitutionIds.Order()),
            auditHead = head?.Sequence,
        });
        await db.SaveChangesAsync(ct);
        var name = $"学员档案-{learner.RealName}-{r.AtUtc.AddHours(8):yyyyMMddHHmmss}.zip";
        return new(packed.Zip, name, packed.ManifestSha256);
    }
}
