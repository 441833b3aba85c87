using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Commitments.Records;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Archive;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Commitments.Archive;

/// <summary>
/// ARC-01: every signed commitment (each version and re-sign is its own record), re-sign requests and revocations,
/// signing attempts (without code hashes), and the printed PDF of each signed record as an attachment. Learning
/// commitments belong to the project's training institution, exam commitments to its evaluation institution.
/// </summary>
public sealed class CommitmentsArchive(AppDbContext db, IAccountsApi accounts, IEnrollmentApi enrollment) : IArchiveContributor
{
    public string Key => "commitments";
    public string Title => "学习与考试承诺书";
    public int Order => 40;

    public async Task<ArchiveSection> CollectAsync(ArchiveRequest request, CancellationToken ct)
    {
        var scope = await ArchiveProjectScope.ForAsync(enrollment, request, ct);
        bool InScope(CommitmentKind kind, Guid projectId) => kind == CommitmentKind.Learning ? scope.Training(projectId) : scope.Evaluation(projectId);
        var list = (await db.Set<CommitmentRecord>().AsNoTracking().Where(r => r.LearnerId == request.LearnerId).ToListAsync(ct))
            .Where(r => InScope(r.Kind, r.ProjectId)).OrderBy(r => r.SignedAtUtc).ToList();
        var signings = (await db.Set<CommitmentSigning>().AsNoTracking().Where(s => s.LearnerId == request.LearnerId).ToListAsync(ct))
            .Where(s => InScope(s.Kind, s.ProjectId)).OrderBy(s => s.StartedAtUtc).ToList();
        if (list.Count == 0 && signings.Count == 0) return ArchiveSection.Empty;
        var recordIds = list.Select(r => r.Id).ToList();
        var revocations = await db.Set<CommitmentRevocation>().AsNoTracking().Where(v => recordIds.Contains(v.RecordId)).ToListAsync(ct);
        var templateIds = list.Select(r => r.TemplateId).Distinct().ToList();
        var titles = await db.Set<CommitmentTemplate>().AsNoTracking().Where(t => templateIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Title, ct);
        var projects = new Dictionary<Guid, string>();
        foreach (var pid in list.Select(r => r.ProjectId).Distinct()) projects[pid] = (await enrollment.GetProjectAsync(pid, ct))?.Name ?? "";
        var who = list.Count == 0 ? null
            : (await accounts.GetLearnerIdentitiesAsync([request.LearnerId], request.RevealSensitive, "archive.commitment_pdf", ct)).GetValueOrDefault(request.LearnerId);

        var events = new List<ArchiveEvent>();
        var records = new List<ArchiveRecord>();
        var attachments = new List<ArchiveAttachment>();
        foreach (var s in signings)
            records.Add(ArchiveFields.Record("commitment_signing", s.Id, s, nameof(CommitmentSigning.CodeHash), nameof(CommitmentSigning.CodeSalt)));
        foreach (var r in list)
        {
            var title = titles.GetValueOrDefault(r.TemplateId) ?? CommitmentScope.KindName(r.Kind);
            var fields = ArchiveFields.Of(r);
            fields["Title"] = title;
            fields["StatusName"] = ResignReasons.StatusLabel(r);
            var fileName = ArchiveFiles.SafeName($"{CommitmentScope.KindName(r.Kind)}-v{r.TemplateVersion}-{r.SignedAtUtc:yyyyMMddHHmmss}-{r.Id.ToString("N")[^8..]}.pdf");
            fields["ExportFile"] = fileName;
            records.Add(new("commitment_record", r.Id.ToString(), fields));
            events.Add(new(r.SignedAtUtc, r.ResignOfId is null ? $"签署{CommitmentScope.KindName(r.Kind)}" : $"重新签署{CommitmentScope.KindName(r.Kind)}",
                $"{title}（第 {r.TemplateVersion} 版，{ResignReasons.MethodLabel(r.Method)}）{(r.ResignReason.Length > 0 ? "：" + ResignReasons.Label(r.ResignReason) : "")}"));
            if (r.ResignRequestedAtUtc is { } asked) events.Add(new(asked, "要求重新签署", ResignReasons.Label(r.ResignRequestedReason)));
            var data = new CommitmentPdfData(r, projects.GetValueOrDefault(r.ProjectId, ""), who?.RealName ?? "", who?.IdTypeName ?? "", who?.IdNumber ?? "", title,
                ResignReasons.StatusLabel(r), request.AtUtc);
            attachments.Add(new(fileName, "application/pdf", _ => Task.FromResult(CommitmentPdf.Build(data))));
        }
        foreach (var v in revocations.OrderBy(v => v.AtUtc))
        {
            records.Add(ArchiveFields.Record("commitment_revocation", v.Id, v));
            events.Add(new(v.AtUtc, "承诺书撤销", v.Reason, v.ByName));
        }
        return new(events, records, attachments);
    }
}
