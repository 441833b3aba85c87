using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Commitments.Records;

public sealed record RecordFilter(Guid? ProjectId, CommitmentKind? Kind, string? Status, string? Learner, DateOnly? From, DateOnly? To);

public sealed record RecordRow(CommitmentRecord Record, ProjectSummary Project, LearnerIdentity? Learner);

public sealed record RecordDetail(CommitmentRecord Record, ProjectSummary Project, LearnerIdentity? Learner, CommitmentRevocation? Revocation,
    IReadOnlyList<CommitmentRecord> Chain, bool CanManage);

/// <summary>
/// LC-03 / EC-01 staff side: signed commitments of the user's projects with filters, the detail with its page log, and
/// the two decisions — require a re-signature (the record stops counting; the learner re-signs; the original stays) and
/// revoke with reason, basis and next step (a revocation row; the learner is told; the gates close).
/// </summary>
public sealed class RecordsHandler(AppDbContext db, CommitmentScope scope, IAccountsApi accounts, INotificationsApi notifications, AuditLog audit,
    CurrentUser me, TimeProvider clock)
{
    public const int PageSize = 200;

    public async Task<IReadOnlyList<ProjectSummary>> VisibleProjectsAsync(CancellationToken ct)
        => [.. (await scope.ProjectsAsync(ct)).Where(p => scope.CanView(CommitmentKind.Learning, p) || scope.CanView(CommitmentKind.Exam, p))];

    public async Task<IReadOnlyList<RecordRow>> ListAsync(RecordFilter f, CancellationToken ct)
    {
        var projects = (await scope.ProjectsAsync(ct)).ToDictionary(p => p.Id);
        var learningIds = projects.Values.Where(p => scope.CanView(CommitmentKind.Learning, p)).Select(p => p.Id).ToList();
        var examIds = projects.Values.Where(p => scope.CanView(CommitmentKind.Exam, p)).Select(p => p.Id).ToList();
        var q = db.Set<CommitmentRecord>().AsNoTracking().Where(r => (r.Kind == CommitmentKind.Learning && learningIds.Contains(r.ProjectId))
                                                                    || (r.Kind == CommitmentKind.Exam && examIds.Contains(r.ProjectId)));
        if (f.ProjectId is { } pid) q = q.Where(r => r.ProjectId == pid);
        if (f.Kind is { } k) q = q.Where(r => r.Kind == k);
        q = f.Status switch
        {
            "valid" => q.Where(r => r.Status == RecordStatus.Signed && r.ResignRequestedAtUtc == null),
            "resign" => q.Where(r => r.Status == RecordStatus.Signed && r.ResignRequestedAtUtc != null),
            "superseded" => q.Where(r => r.Status == RecordStatus.Superseded),
            "revoked" => q.Where(r => r.Status == RecordStatus.Revoked),
            _ => q,
        };
        if (f.From is { } from) { var t = Utc(from); q = q.Where(r => r.SignedAtUtc >= t); }
        if (f.To is { } to) { var t = Utc(to.AddDays(1)); q = q.Where(r => r.SignedAtUtc < t); }
        var text = (f.Learner ?? "").Trim();
        if (text.Length > 0)
        {
            var ids = await accounts.FindLearnerIdsAsync(text, 50, ct);
            q = q.Where(r => ids.Contains(r.LearnerId));
        }
        var rows = await q.OrderByDescending(r => r.SignedAtUtc).Take(PageSize).ToListAsync(ct);
        var who = await accounts.GetLearnerIdentitiesAsync(rows.Select(r => r.LearnerId).Distinct().ToList(), reveal: false, "", ct);
        return [.. rows.Select(r => new RecordRow(r, projects[r.ProjectId], who.GetValueOrDefault(r.LearnerId)))];
    }

    private static DateTime Utc(DateOnly beijingDay) => DateTime.SpecifyKind(beijingDay.ToDateTime(TimeOnly.MinValue).AddHours(-8), DateTimeKind.Utc);

    public async Task<RecordDetail?> DetailAsync(Guid id, CancellationToken ct)
    {
        var r = await db.Set<CommitmentRecord>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return null;
        var p = (await scope.ProjectsAsync(ct)).FirstOrDefault(x => x.Id == r.ProjectId);
        if (p is null || !scope.CanView(r.Kind, p)) return null;
        var who = (await accounts.GetLearnerIdentitiesAsync([r.LearnerId], reveal: false, "", ct)).GetValueOrDefault(r.LearnerId);
        var revocation = await db.Set<CommitmentRevocation>().AsNoTracking().FirstOrDefaultAsync(v => v.RecordId == r.Id, ct);
        var chain = await db.Set<CommitmentRecord>().AsNoTracking().Where(x => x.LearnerId == r.LearnerId && x.Kind == r.Kind && x.ProjectId == r.ProjectId
            && x.SittingId == r.SittingId).OrderBy(x => x.SignedAtUtc).ToListAsync(ct);
        return new RecordDetail(r, p, who, revocation, chain, scope.CanManage(r.Kind, p));
    }

    private async Task<(CommitmentRecord Record, ProjectSummary Project)?> ManagedAsync(Guid id, CancellationToken ct)
    {
        var r = await db.Set<CommitmentRecord>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return null;
        var p = (await scope.ProjectsAsync(ct)).FirstOrDefault(x => x.Id == r.ProjectId);
        return p is not null && scope.CanManage(r.Kind, p) ? (r, p) : null;
    }

    public async Task<Outcome<CommitmentRecord>> RevokeAsync(Guid id, string reason, string basis, string nextStep, CancellationToken ct)
    {
        var found = await ManagedAsync(id, ct);
        if (found is not { Record: var r, Project: var p }) return Outcome<CommitmentRecord>.Fail("", "未找到该签署记录，或您无权处理。");
        if (r.Status != RecordStatus.Signed) return Outcome<CommitmentRecord>.Fail("", "只有有效的签署记录可以撤销。");
        (reason, basis, nextStep) = ((reason ?? "").Trim(), (basis ?? "").Trim(), (nextStep ?? "").Trim());
        var errors = new Dictionary<string, string>();
        if (reason.Length is < 4 or > 500) errors["Reason"] = "请填写撤销原因（4～500 字）。";
        if (basis.Length is < 2 or > 500) errors["Basis"] = "请填写处理依据（2～500 字）。";
        if (nextStep.Length is < 2 or > 500) errors["NextStep"] = "请填写后续处理方式（2～500 字）。";
        foreach (var (field, value) in new[] { ("Reason", reason), ("Basis", basis), ("NextStep", nextStep) })
            if (TextRules.TextError("内容", value, 500) is { } e) errors[field] = e;
        if (errors.Count > 0) return Outcome<CommitmentRecord>.Fail(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        r.Revoke(now);
        var revocation = CommitmentRevocation.Create(r.Id, reason, basis, nextStep, me.RequiredUserId, me.DisplayName, now);
        db.Set<CommitmentRevocation>().Add(revocation);
        var kind = CommitmentScope.KindName(r.Kind);
        audit.Record("commitments.revoked", "commitment_record", r.Id.ToString(),
            new { kind = r.Kind.ToString(), learner = r.LearnerId, project = r.ProjectId, sitting = r.SittingId, reason, basis, nextStep }, CommitmentScope.OwnerOf(r.Kind, p));
        notifications.Stage(r.LearnerId, $"{kind}已被撤销",
            $"您在“{p.Name}”签署的{kind}（{r.SignedAtUtc.AddHours(8):yyyy-MM-dd HH:mm}）已被撤销，{(r.Kind == CommitmentKind.Learning ? "后续考试流程暂停" : "本场次考试入口已关闭")}。原因：{reason}；处理依据：{basis}；后续处理：{nextStep}。如有异议可通过平台投诉渠道提出。",
            r.Kind == CommitmentKind.Learning ? $"/my/commitments/learning/{r.ProjectId}" : $"/my/commitments/exam/{r.SittingId}");
        await db.SaveChangesAsync(ct);
        return Outcome<CommitmentRecord>.Success(r);
    }

    public async Task<Outcome<CommitmentRecord>> RequestResignAsync(Guid id, string reasonCode, string note, CancellationToken ct)
    {
        var found = await ManagedAsync(id, ct);
        if (found is not { Record: var r, Project: var p }) return Outcome<CommitmentRecord>.Fail("", "未找到该签署记录，或您无权处理。");
        if (r.Status == RecordStatus.Superseded || r.ResignRequestedAtUtc is not null) return Outcome<CommitmentRecord>.Fail("", "该记录已被替代或已要求重签。");
        if (!ResignReasons.For(r.Kind).Contains(reasonCode ?? "")) return Outcome<CommitmentRecord>.Fail("ResignReason", "请选择重新签署的原因。");
        note = (note ?? "").Trim();
        if (TextRules.TextError("说明", note, 500) is { } e) return Outcome<CommitmentRecord>.Fail("Note", e);
        var now = clock.GetUtcNow().UtcDateTime;
        r.RequestResign(reasonCode!, note, me.RequiredUserId, now);
        var kind = CommitmentScope.KindName(r.Kind);
        audit.Record("commitments.resign_requested", "commitment_record", r.Id.ToString(),
            new { kind = r.Kind.ToString(), learner = r.LearnerId, reason = reasonCode, note }, CommitmentScope.OwnerOf(r.Kind, p));
        notifications.Stage(r.LearnerId, $"请重新签署{kind}",
            $"因“{ResignReasons.Label(reasonCode!)}”，请重新签署“{p.Name}”的{kind}。{note} 原签署记录保留。",
            r.Kind == CommitmentKind.Learning ? $"/my/commitments/learning/{r.ProjectId}" : $"/my/commitments/exam/{r.SittingId}");
        await db.SaveChangesAsync(ct);
        return Outcome<CommitmentRecord>.Success(r);
    }
}
