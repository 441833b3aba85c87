using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Archive;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;

namespace TrainEval.Web.Modules.Enrollment.Archive;

/// <summary>ARC-01: the learner's applications (drafts included), review decisions, uploaded materials (as files) and cancellations.</summary>
public sealed class EnrollmentArchive(AppDbContext db, IFileStore files) : IArchiveContributor
{
    public string Key => "enrollment";
    public string Title => "报名与审核";
    public int Order => 10;

    public async Task<ArchiveSection> CollectAsync(ArchiveRequest request, CancellationToken ct)
    {
        var apps = await db.Set<EnrollmentApplication>().AsNoTracking().Where(a => a.LearnerId == request.LearnerId).ToListAsync(ct);
        if (request.InstitutionIds is { } ids) apps = [.. apps.Where(a => ids.Contains(a.TrainingInstitutionId))];
        if (apps.Count == 0) return ArchiveSection.Empty;
        var appIds = apps.Select(a => a.Id).ToList();
        var projectIds = apps.Select(a => a.ProjectId).Distinct().ToList();
        var projects = await db.Set<Project>().AsNoTracking().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var decisions = await db.Set<ReviewDecision>().AsNoTracking().Where(d => appIds.Contains(d.EnrollmentId)).ToListAsync(ct);
        var materials = await db.Set<EnrollmentMaterial>().AsNoTracking().Where(m => appIds.Contains(m.EnrollmentId)).ToListAsync(ct);
        var versionIds = apps.Select(a => a.ProjectVersionId).Distinct().ToList();
        var materialNames = (await db.Set<RequiredMaterial>().AsNoTracking().Where(r => versionIds.Contains(r.ProjectVersionId))
            .Select(r => new { r.Key, r.Name }).ToListAsync(ct)).DistinctBy(r => r.Key).ToDictionary(r => r.Key, r => r.Name);

        var events = new List<ArchiveEvent>();
        var records = new List<ArchiveRecord>();
        var attachments = new List<ArchiveAttachment>();
        foreach (var a in apps.OrderBy(a => a.CreatedAtUtc))
        {
            var project = projects.GetValueOrDefault(a.ProjectId, "");
            var fields = ArchiveFields.Of(a, nameof(EnrollmentApplication.ActiveKey));
            fields["ProjectName"] = project;
            fields["StatusName"] = EnrollmentApplication.StatusName(a.Status);
            records.Add(new("enrollment_application", a.Id.ToString(), fields));
            events.Add(new(a.CreatedAtUtc, "开始报名", project));
        }
        // Materials before the submission and the decisions: with equal times the builder keeps this order.
        foreach (var m in materials.OrderBy(m => m.UploadedAtUtc))
        {
            var label = materialNames.GetValueOrDefault(m.MaterialKey, m.MaterialKey);
            var name = $"{m.MaterialKey}-{m.UploadedAtUtc:yyyyMMddHHmmss}-{m.Id.ToString("N")[^8..]}{ArchiveFiles.Extension(m.ContentType)}";
            var fields = ArchiveFields.Of(m, nameof(EnrollmentMaterial.FileKey));
            fields["MaterialName"] = label;
            fields["ExportFile"] = ArchiveFiles.SafeName(name);
            records.Add(new("enrollment_material", m.Id.ToString(), fields));
            events.Add(new(m.UploadedAtUtc, "上传报名材料", label + (m.SupersededAtUtc is null ? "" : "（已被替换）")));
            attachments.Add(ArchiveFiles.FromStore(files, m.FileKey, name, m.ContentType));
        }
        foreach (var a in apps.OrderBy(a => a.CreatedAtUtc))
        {
            var project = projects.GetValueOrDefault(a.ProjectId, "");
            if (a.SubmittedAtUtc is { } submitted) events.Add(new(submitted, "提交报名", project));
            if (a.Status == EnrollmentStatus.Cancelled && a.DecidedAtUtc is { } cancelled) events.Add(new(cancelled, "报名已撤销", $"{project}：{a.DecisionNote}"));
        }
        foreach (var d in decisions.OrderBy(d => d.DecidedAtUtc))
        {
            records.Add(ArchiveFields.Record("enrollment_review_decision", d.Id, d));
            var outcome = d.Outcome switch { ReviewOutcome.Approved => "审核通过", ReviewOutcome.Resubmit => "要求补正材料", _ => "审核不通过" };
            events.Add(new(d.DecidedAtUtc, outcome, d.Reason.Length > 0 ? d.Reason : null, d.ReviewerName));
        }
        return new(events, records, attachments);
    }
}
