using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Violations.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Enrollment.Apply;

public enum WizardStep { Rules, Conditions, Personal, Materials, Confirm, Done }

public sealed record WizardState(Project Project, ProjectVersion Version, EnrollmentApplication? Application,
    IReadOnlyList<EnrollmentMaterial> Materials, WizardStep Step);

/// <summary>
/// The enrollment wizard (ENR-01..06): read the rules → confirm conditions → confirm personal data → upload materials →
/// declare and submit. Each step is one transaction with its audit record; steps cannot be skipped.
/// </summary>
public sealed class EnrollHandler(AppDbContext db, IAccountsApi accounts, IBansApi bans, IFileStore files, AuditLog audit,
    CurrentUser me, TimeProvider clock)
{
    public async Task<WizardState?> LoadAsync(string projectCode, Guid learnerId, CancellationToken ct)
    {
        var project = await db.Set<Project>().FirstOrDefaultAsync(p => p.Code == projectCode, ct);
        if (project?.CurrentVersionId is null) return null;
        var app = await db.Set<EnrollmentApplication>()
            .Where(a => a.LearnerId == learnerId && a.ProjectId == project.Id && a.ActiveKey != null).FirstOrDefaultAsync(ct);
        var versionId = app?.ProjectVersionId ?? project.CurrentVersionId.Value;
        var version = await db.Set<ProjectVersion>().Include(v => v.Fees).Include(v => v.Materials).FirstAsync(v => v.Id == versionId, ct);
        var materials = app is null ? [] : await db.Set<EnrollmentMaterial>()
            .Where(m => m.EnrollmentId == app.Id && m.SupersededAtUtc == null).OrderBy(m => m.UploadedAtUtc).ToListAsync(ct);
        return new WizardState(project, version, app, materials, StepOf(app, version, materials));
    }

    public static WizardStep StepOf(EnrollmentApplication? app, ProjectVersion version, IReadOnlyList<EnrollmentMaterial> materials)
    {
        if (app is null || app.RulesReadAtUtc is null) return WizardStep.Rules;
        if (app.Status != EnrollmentStatus.Draft) return WizardStep.Done;
        if (app.ConditionsConfirmedAtUtc is null) return WizardStep.Conditions;
        if (app.PersonalDataConfirmedAtUtc is null) return WizardStep.Personal;
        if (MissingMaterials(version, materials).Any()) return WizardStep.Materials;
        return WizardStep.Confirm;
    }

    public static IEnumerable<RequiredMaterial> MissingMaterials(ProjectVersion version, IReadOnlyList<EnrollmentMaterial> materials)
        => version.Materials.Where(m => m.Required && materials.All(x => x.MaterialKey != m.Key));

    /// <summary>Step 1: the learner has read the published rules. Creates the enrollment under the current version.</summary>
    public async Task<Outcome<EnrollmentApplication>> StartAsync(string projectCode, CancellationToken ct)
    {
        var learnerId = me.RequiredUserId;
        var now = clock.GetUtcNow().UtcDateTime;
        var state = await LoadAsync(projectCode, learnerId, ct);
        if (state is null) return Outcome<EnrollmentApplication>.Fail("", "项目不存在或尚未发布。", EnrollmentErrors.NotPublished);
        if (state.Application is { } existing)
        {
            if (existing.LearnerConfirmedAtUtc is null) existing.ConfirmByLearner(now);   // confirming a promotion organisation's start
            existing.MarkRulesRead(now);
            audit.Record("enrollment.rules_read", "enrollment", existing.Id.ToString(), new { version = state.Version.VersionNo });
            await db.SaveChangesAsync(ct);
            return Outcome<EnrollmentApplication>.Success(existing);
        }
        var refusal = await RefusalAsync(learnerId, state.Project, state.Version, now, ct);
        if (refusal is not null) return refusal;

        var app = EnrollmentApplication.Start(learnerId, state.Project, state.Version, EnrollmentChannel.Official, null, learnerId, now);
        app.MarkRulesRead(now);
        db.Set<EnrollmentApplication>().Add(app);
        audit.Record("enrollment.started", "enrollment", app.Id.ToString(),
            new { project = state.Project.Code, version = state.Version.VersionNo, channel = "official" }, state.Project.TrainingInstitutionId);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            return Outcome<EnrollmentApplication>.Fail("", "您已报名该项目，不能重复报名。", EnrollmentErrors.Duplicate);
        }
        return Outcome<EnrollmentApplication>.Success(app);
    }

    /// <summary>Everything that blocks a new enrollment, with the reason (ENR-02, ENR-05, VIO-02).</summary>
    public async Task<Outcome<EnrollmentApplication>?> RefusalAsync(Guid learnerId, Project project, ProjectVersion version, DateTime now, CancellationToken ct)
    {
        if (!version.IsOpenForEnrollment(now))
            return Outcome<EnrollmentApplication>.Fail("", now < version.EnrollmentOpensAtUtc
                ? $"报名尚未开始，开始时间：{Beijing(version.EnrollmentOpensAtUtc)}。"
                : $"报名已于 {Beijing(version.EnrollmentClosesAtUtc)} 截止。", EnrollmentErrors.WindowClosed);
        if (await bans.ActiveBanAsync(learnerId, now, ct) is { } ban)
            return Outcome<EnrollmentApplication>.Fail("", $"因违纪处理，您在 {Beijing(ban.EndsAtUtc)} 前不得报名（{ban.Reason}）。", EnrollmentErrors.Banned);
        if (await db.Set<EnrollmentApplication>().AnyAsync(a => a.LearnerId == learnerId && a.ProjectId == project.Id && a.ActiveKey != null, ct))
            return Outcome<EnrollmentApplication>.Fail("", "您已报名该项目，不能重复报名。", EnrollmentErrors.Duplicate);
        var profile = await accounts.GetProfileAsync(learnerId, ct);
        if (profile is not { IsLearner: true }) return Outcome<EnrollmentApplication>.Fail("", "只有实名注册的学员账号可以报名。", EnrollmentErrors.IdentityConflict);
        return null;
    }

    /// <summary>Step 2: conditions. Age is checked from the verified birth date; the rest is the learner's confirmation.</summary>
    public async Task<Outcome<EnrollmentApplication>> ConfirmConditionsAsync(string projectCode, bool allConfirmed, DateOnly? birthDate, CancellationToken ct)
    {
        var (state, app, error) = await EditableAsync(projectCode, WizardStep.Conditions, ct);
        if (error is not null) return error;
        if (AgeProblem(state!.Version, birthDate, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8))) is { } age)
            return Outcome<EnrollmentApplication>.Fail("", age, EnrollmentErrors.ConditionsNotMet);
        if (!allConfirmed) return Outcome<EnrollmentApplication>.Fail("Conditions", "请逐项确认符合报名条件。", EnrollmentErrors.ConditionsNotMet);
        app!.ConfirmConditions(clock.GetUtcNow().UtcDateTime);
        audit.Record("enrollment.conditions_confirmed", "enrollment", app.Id.ToString());
        await db.SaveChangesAsync(ct);
        return Outcome<EnrollmentApplication>.Success(app);
    }

    public static string? AgeProblem(ProjectVersion v, DateOnly? birthDate, DateOnly today)
    {
        if (v.MinAge is null && v.MaxAge is null) return null;
        if (birthDate is null) return "无法从证件信息确定年龄，请联系培训机构人工核实。";
        var age = today.Year - birthDate.Value.Year - (today < birthDate.Value.AddYears(today.Year - birthDate.Value.Year) ? 1 : 0);
        if (v.MinAge is { } min && age < min) return $"本项目要求年满 {min} 周岁，您目前 {age} 周岁，暂不符合报名条件。";
        if (v.MaxAge is { } max && age > max) return $"本项目要求不超过 {max} 周岁，您目前 {age} 周岁，不符合报名条件。";
        return null;
    }

    /// <summary>Step 3: personal data, prefilled from the real-name account; region, employer and education confirmed here.</summary>
    public async Task<Outcome<EnrollmentApplication>> ConfirmPersonalAsync(string projectCode, string region, string employer, string education, CancellationToken ct)
    {
        var (_, app, error) = await EditableAsync(projectCode, WizardStep.Personal, ct);
        if (error is not null) return error;
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(region)) errors["Region"] = "请填写所在地区。";
        else if (TextRules.TextError("所在地区", region, 100) is { } r) errors["Region"] = r;
        if (string.IsNullOrWhiteSpace(employer)) errors["Employer"] = "请填写工作单位或学习单位。";
        else if (TextRules.TextError("工作单位或学习单位", employer, 100) is { } e) errors["Employer"] = e;
        if (!Educations.Contains(education)) errors["Education"] = "请选择最高学历。";
        if (errors.Count > 0) return Outcome<EnrollmentApplication>.Fail(errors);
        var profile = await accounts.GetProfileAsync(app!.LearnerId, ct);
        if (profile is null) return Outcome<EnrollmentApplication>.Fail("", "账号不存在。", EnrollmentErrors.IdentityConflict);
        app.ConfirmPersonalData(profile.RealName, profile.IdNumberMasked, profile.PhoneMasked, "", region.Trim(), employer.Trim(), education,
            clock.GetUtcNow().UtcDateTime);
        audit.Record("enrollment.personal_data_confirmed", "enrollment", app.Id.ToString(), new { region = region.Trim(), employer = employer.Trim(), education });
        await db.SaveChangesAsync(ct);
        return Outcome<EnrollmentApplication>.Success(app);
    }

    public static readonly string[] Educations = ["初中", "高中/中专/技校", "大专", "本科", "硕士研究生", "博士研究生"];

    /// <summary>Step 4 (and resubmission): one material upload, checked by content; a replacement supersedes the old file.</summary>
    public async Task<Outcome<EnrollmentMaterial>> UploadAsync(string projectCode, string materialKey, string fileName, byte[] content, CancellationToken ct)
    {
        var learnerId = me.RequiredUserId;
        var state = await LoadAsync(projectCode, learnerId, ct);
        var app = state?.Application;
        if (state is null || app is null) return Outcome<EnrollmentMaterial>.Fail("", "请先开始报名。", EnrollmentErrors.StepMissing);
        var resubmitting = app.Status == EnrollmentStatus.Resubmit;
        if (!(app.IsEditable && app.PersonalDataConfirmedAtUtc is not null) && !resubmitting)
            return Outcome<EnrollmentMaterial>.Fail("", "当前状态不能上传材料。", EnrollmentErrors.StepMissing);
        if (resubmitting && !app.ResubmitKeys.Contains(materialKey))
            return Outcome<EnrollmentMaterial>.Fail("", "审核人员未要求补正该项材料。", EnrollmentErrors.StepMissing);
        var required = state.Version.Materials.FirstOrDefault(m => m.Key == materialKey);
        if (required is null) return Outcome<EnrollmentMaterial>.Fail("", "该项目不需要此材料。", EnrollmentErrors.BadUpload);
        var (inspected, problem) = UploadInspector.Inspect(content, required.Formats, required.MaxSizeKb);
        if (inspected is null)
        {
            audit.Record("enrollment.upload_refused", "enrollment", app.Id.ToString(), new { material = materialKey, reason = problem, size = content.Length });
            await db.SaveChangesAsync(ct);
            return Outcome<EnrollmentMaterial>.Fail("File", $"{required.Name}：{problem}", EnrollmentErrors.BadUpload);
        }
        var stored = await files.SaveAsync(new MemoryStream(inspected.Content), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var old in state.Materials.Where(m => m.MaterialKey == materialKey)) old.Supersede(now);
        var safeName = Path.GetFileNameWithoutExtension(fileName ?? "").Replace("<", "").Replace(">", "");
        var material = new EnrollmentMaterial(app.Id, materialKey, stored.Key, stored.Sha256, inspected.ContentType, stored.Length,
            $"{(safeName.Length == 0 ? required.Name : safeName)}.{inspected.Extension}", now);
        db.Set<EnrollmentMaterial>().Add(material);
        audit.Record(resubmitting ? "enrollment.material_resubmitted" : "enrollment.material_uploaded", "enrollment", app.Id.ToString(),
            new { material = materialKey, sha256 = stored.Sha256, size = stored.Length, contentType = inspected.ContentType });
        await db.SaveChangesAsync(ct);
        return Outcome<EnrollmentMaterial>.Success(material);
    }

    /// <summary>Step 5: the declaration of truthfulness and rules known, recorded with time, IP and device; submits.</summary>
    public async Task<Outcome<EnrollmentApplication>> SubmitAsync(string projectCode, bool truthful, bool rulesKnown, CancellationToken ct)
    {
        var (state, app, error) = await EditableAsync(projectCode, WizardStep.Confirm, ct);
        if (error is not null) return error;
        if (!truthful || !rulesKnown) return Outcome<EnrollmentApplication>.Fail("Declaration", "请确认所填信息真实，并已知晓项目规则与收费、退费规定。");
        var now = clock.GetUtcNow().UtcDateTime;
        if (!state!.Version.IsOpenForEnrollment(now))
            return Outcome<EnrollmentApplication>.Fail("", $"报名已于 {Beijing(state.Version.EnrollmentClosesAtUtc)} 截止。", EnrollmentErrors.WindowClosed);
        app!.Submit(me.Ip, me.UserAgent, now);
        audit.Record("enrollment.submitted", "enrollment", app.Id.ToString(),
            new { project = state.Project.Code, version = state.Version.VersionNo, ip = me.Ip, materials = state.Materials.Count }, state.Project.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<EnrollmentApplication>.Success(app);
    }

    /// <summary>Resubmission after review asked for it: every requested item must have a new upload.</summary>
    public async Task<Outcome<EnrollmentApplication>> ResubmitAsync(string projectCode, CancellationToken ct)
    {
        var state = await LoadAsync(projectCode, me.RequiredUserId, ct);
        var app = state?.Application;
        if (app is not { Status: EnrollmentStatus.Resubmit }) return Outcome<EnrollmentApplication>.Fail("", "当前无需补正材料。", EnrollmentErrors.StepMissing);
        var now = clock.GetUtcNow().UtcDateTime;
        if (app.ResubmitDeadlineUtc is { } deadline && now > deadline)
            return Outcome<EnrollmentApplication>.Fail("", $"补正期限已于 {Beijing(deadline)} 届满，请联系培训机构。", EnrollmentErrors.WindowClosed);
        // Requested files were set aside when the reviewer asked; each needs a new, current upload.
        var stale = app.ResubmitKeys.Where(k => state!.Materials.All(m => m.MaterialKey != k)).ToList();
        if (stale.Count > 0)
        {
            var names = state!.Version.Materials.Where(m => stale.Contains(m.Key)).Select(m => m.Name);
            return Outcome<EnrollmentApplication>.Fail("", $"请先重新上传：{string.Join("、", names)}。", EnrollmentErrors.StepMissing);
        }
        app.Resubmitted(now);
        audit.Record("enrollment.resubmitted", "enrollment", app.Id.ToString(), null, app.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<EnrollmentApplication>.Success(app);
    }

    private async Task<(WizardState?, EnrollmentApplication?, Outcome<EnrollmentApplication>?)> EditableAsync(string projectCode, WizardStep step, CancellationToken ct)
    {
        var state = await LoadAsync(projectCode, me.RequiredUserId, ct);
        if (state?.Application is not { } app) return (null, null, Outcome<EnrollmentApplication>.Fail("", "请先阅读项目规则并开始报名。", EnrollmentErrors.StepMissing));
        if (!app.IsEditable) return (null, null, Outcome<EnrollmentApplication>.Fail("", "报名已提交，不能修改。", EnrollmentErrors.StepMissing));
        if (state.Step < step) return (null, null, Outcome<EnrollmentApplication>.Fail("", "请按顺序完成前面的步骤。", EnrollmentErrors.StepMissing));
        return (state, app, null);
    }

    public static string Beijing(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd HH:mm");
}
