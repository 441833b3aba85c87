using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Exams.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Violations.RecordViolation;

public sealed record EvidenceUpload(string FileName, byte[] Content);

/// <param name="Tier">Empty for the act's tier; "1".."3" to apply a tier (only higher, with <paramref name="RaiseReason"/>).</param>
/// <param name="OccurredAtChina">When the act took place, China time (the form's datetime-local).</param>
public sealed record RecordInput(Guid LearnerId, Guid ProjectId, Guid? SittingId, string ActCode, string? Tier, string? RaiseReason,
    string? Facts, DateTime? OccurredAtChina, Guid? CorrectsId);

/// <summary>A learner found by the staff search, with the projects of the user's institutions they are enrolled in.</summary>
public sealed record LearnerMatch(LearnerIdentity Learner, IReadOnlyList<ProjectSummary> Projects);

/// <summary>
/// Records a violation (VIO-01): only for a learner enrolled in (or a candidate of a sitting of) a project that the
/// recorder's evaluation institution evaluates; the act from the catalogue, the tier from the act (raise only, with a
/// reason); evidence checked by content before anything is stored. One transaction; a correction supersedes the record
/// it corrects and carries its evidence over.
/// </summary>
public sealed class RecordViolationHandler(AppDbContext db, ViolationScope scope, IEnrollmentApi enrollment, IAccountsApi accounts, IExamsApi exams,
    IFileStore files, AuditLog audit, CurrentUser me, TimeProvider clock)
{
    public const int MaxEvidenceFiles = 5;
    public const int MaxEvidenceKb = 10 * 1024;
    public static readonly string[] EvidenceFormats = ["pdf", "jpg", "png"];

    public async Task<IReadOnlyList<LearnerMatch>> FindLearnersAsync(string query, CancellationToken ct)
    {
        query = (query ?? "").Trim();
        if (query.Length is 0 or > 40) return [];
        var ids = await accounts.FindLearnerIdsAsync(query, 20, ct);
        if (ids.Count == 0) return [];
        var projects = await scope.ProjectsAsync(forRecording: true, ct);
        var who = await accounts.GetLearnerIdentitiesAsync(ids, reveal: false, "violations.record", ct);
        var result = new List<LearnerMatch>();
        foreach (var id in ids.Where(who.ContainsKey))
        {
            var enrolled = new List<ProjectSummary>();
            foreach (var p in projects)
                if (await enrollment.GetEnrollmentAsync(id, p.Id, ct) is { Submitted: true }) enrolled.Add(p);
            if (enrolled.Count > 0) result.Add(new LearnerMatch(who[id], enrolled));
        }
        return result;
    }

    /// <summary>The project, if the user's institution evaluates it and the learner is enrolled in it (or a candidate of one of its sittings).</summary>
    public async Task<ProjectSummary?> ProjectInScopeAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var project = await enrollment.GetProjectAsync(projectId, ct);
        if (project is null || !scope.ActsFor(project.EvaluationInstitutionId)) return null;
        if (await enrollment.GetEnrollmentAsync(learnerId, projectId, ct) is { Submitted: true }) return project;
        return (await exams.ListSittingsOfLearnerAsync(learnerId, projectId, ct)).Count > 0 ? project : null;
    }

    public Task<IReadOnlyList<SittingInfo>> SittingsAsync(Guid learnerId, Guid projectId, CancellationToken ct)
        => exams.ListSittingsOfLearnerAsync(learnerId, projectId, ct);

    public static string SittingLabel(SittingInfo s) => $"{s.Batch} · {s.Subject} · {s.Name}（{BanPeriods.ToChina(s.StartsAtUtc):yyyy-MM-dd HH:mm}）";

    public async Task<Outcome<Violation>> RecordAsync(RecordInput input, IReadOnlyList<EvidenceUpload> evidence, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string>();
        var project = await ProjectInScopeAsync(input.LearnerId, input.ProjectId, ct);
        if (project is null)
            return Outcome<Violation>.Fail("", "未找到该学员在本机构评价项目中的报名或考试记录，不能记录违纪。", ViolationErrors.OutOfScope);

        var act = ViolationCatalogue.Find(input.ActCode);
        int? tier = null;
        if (act is null) errors["ActCode"] = "请从目录中选择违纪违规行为。";
        else
        {
            int? requested = null;
            if (!string.IsNullOrWhiteSpace(input.Tier))
            {
                if (int.TryParse(input.Tier, out var t)) requested = t;
                else errors["Tier"] = "违纪等级只能是一级、二级或三级。";
            }
            if (!errors.ContainsKey("Tier"))
            {
                var (applied, tierError) = ViolationCatalogue.ApplyTier(act, requested, input.RaiseReason?.Trim());
                if (tierError is not null) errors["Tier"] = tierError;
                tier = applied;
            }
        }
        var (raiseReason, rr) = MultilineText.Check("提高等级的理由", input.RaiseReason, 500);
        if (rr is not null) errors["RaiseReason"] = rr;

        var (facts, fe) = MultilineText.Check("违纪事实", input.Facts, 2000);
        if (facts.Length < 10) errors["Facts"] = "请如实填写违纪事实（不少于 10 个字：时间、地点、经过、发现人）。";
        else if (fe is not null) errors["Facts"] = fe;

        DateTime? occurred = input.OccurredAtChina is { } local ? BanPeriods.FromChina(local) : null;
        if (occurred is null) errors["OccurredAt"] = "请填写违纪行为发生（或发现）的时间。";
        else if (occurred > now.AddMinutes(5)) errors["OccurredAt"] = "发生时间不能晚于当前时间。";
        else if (occurred < now.AddYears(-5)) errors["OccurredAt"] = "发生时间早于 5 年前，请核对。";

        var sittingLabel = "";
        if (input.SittingId is { } sittingId)
        {
            var sitting = await exams.GetSittingAsync(sittingId, ct);
            if (sitting is null || sitting.ProjectId != project.Id || !await exams.IsCandidateAsync(input.LearnerId, sittingId, ct))
                errors["SittingId"] = "所选考试场次不存在，或该学员不是该场次的考生。";
            else sittingLabel = SittingLabel(sitting);
        }
        else if (act is { SittingOptional: false })
            errors["SittingId"] = $"“{act.Code}”是考试中的违纪行为，请选择发生的考试场次。";

        Violation? corrected = null;
        if (input.CorrectsId is { } correctsId)
        {
            corrected = await db.Set<Violation>().FirstOrDefaultAsync(v => v.Id == correctsId, ct);
            if (corrected is null || corrected.LearnerId != input.LearnerId || corrected.ProjectId != project.Id)
                errors[""] = "要更正的记录不存在，或不是该学员在该项目中的记录。";
            else if (corrected.State == ViolationState.Confirmed)
                errors[""] = "已确认的违纪处理不能在此更正，请通过复核程序处理。";
            else if (corrected.State == ViolationState.Superseded)
                errors[""] = "该记录已被更正过，请更正最新的记录。";
        }

        if (evidence.Count > MaxEvidenceFiles) errors["Evidence"] = $"证据材料最多 {MaxEvidenceFiles} 个文件。";
        var inspected = new List<(EvidenceUpload Upload, InspectedUpload Checked)>();
        foreach (var upload in evidence)
        {
            var (ok, problem) = UploadInspector.Inspect(upload.Content, EvidenceFormats, MaxEvidenceKb);
            if (ok is null) { errors["Evidence"] = $"证据材料“{SafeName(upload.FileName)}”：{problem}"; break; }
            inspected.Add((upload, ok));
        }
        if (errors.Count > 0)
            return Outcome<Violation>.Fail(errors, errors.ContainsKey("ActCode") ? ViolationErrors.UnknownAct
                : errors.ContainsKey("Tier") ? ViolationErrors.BadTier : errors.ContainsKey("Evidence") ? ViolationErrors.BadEvidence : "validation");

        var byId = me.RequiredUserId;
        var violation = Violation.Record(input.LearnerId, project.Id, project.EvaluationInstitutionId, input.SittingId, sittingLabel, act!, tier!.Value,
            raiseReason, facts, occurred!.Value, byId, me.DisplayName, corrected?.Id, now);
        db.Set<Violation>().Add(violation);
        var stored = new List<object>();
        foreach (var (upload, ok) in inspected)
        {
            var file = await files.SaveAsync(new MemoryStream(ok.Content), ct);
            var name = Path.GetFileNameWithoutExtension(SafeName(upload.FileName));
            var row = ViolationEvidence.Create(violation.Id, file.Key, file.Sha256, ok.ContentType, file.Length,
                $"{(name.Length == 0 ? "证据" : name[..Math.Min(name.Length, 100)])}.{ok.Extension}", byId, me.DisplayName, now);
            db.Set<ViolationEvidence>().Add(row);
            stored.Add(new { row.Id, row.Sha256, row.Size, row.ContentType });
        }
        if (corrected is not null)
        {
            var carried = await db.Set<ViolationEvidence>().AsNoTracking().Where(e => e.ViolationId == corrected.Id).ToListAsync(ct);
            foreach (var e in carried) db.Set<ViolationEvidence>().Add(e.CarryTo(violation.Id, byId, me.DisplayName, now));
            if (corrected.State == ViolationState.Recorded)
            {
                corrected.Supersede(byId, me.DisplayName, violation.Id, now);
                audit.Record("violation.superseded", "learner", corrected.LearnerId.ToString(), new { violation = corrected.Id, correction = violation.Id },
                    corrected.EvaluationInstitutionId);
            }
        }
        audit.Record("violation.recorded", "learner", violation.LearnerId.ToString(), new
        {
            violation = violation.Id, project = project.Code, sitting = violation.SittingId, act = violation.ActCode, tier = violation.Tier,
            actTier = act!.Tier, raiseReason = violation.TierRaiseReason, occurredAt = violation.OccurredAtUtc, corrects = violation.CorrectsId, evidence = stored,
        }, project.EvaluationInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<Violation>.Success(violation);
    }

    private static string SafeName(string? name)
    {
        var n = Path.GetFileName(name ?? "");
        return new string([.. n.Where(c => c is not ('<' or '>' or '"' or '\'' or '&') && !char.IsControl(c))]);
    }
}
