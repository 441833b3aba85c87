using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Enrollment.ManageProjects;

public sealed class CreateProjectInput
{
    /// <summary>Needed only when the staff member manages projects for more than one training institution.</summary>
    public Guid? TrainingInstitutionId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Occupation { get; set; } = "";
    public string OccupationCode { get; set; } = "";
    public int? Level { get; set; }
    public string Audience { get; set; } = "";
    public string Summary { get; set; } = "";
    public Guid? EvaluationInstitutionId { get; set; }
}

/// <summary>Every rule field of a <see cref="ProjectVersion"/>; the enrollment window is entered in Beijing time.</summary>
public sealed class RulesInput
{
    public string Audience { get; set; } = "";
    public int? MinAge { get; set; }
    public int? MaxAge { get; set; }
    public string EducationRequirement { get; set; } = "";
    public string ExperienceRequirement { get; set; } = "";
    public string HealthRequirement { get; set; } = "";
    public string OtherConditions { get; set; } = "";
    public string LearningRequirements { get; set; } = "";
    public string CompletionRule { get; set; } = "";
    public string ExamRules { get; set; } = "";
    public string MakeupRules { get; set; } = "";
    public string CertificateRules { get; set; } = "";
    public string CourseForm { get; set; } = "";
    public string RefundRules { get; set; } = "";
    public int? RefundPercentAfterActivation { get; set; }
    public int? LearningValidityDays { get; set; }
    public int? ReplayValidityDays { get; set; }
    public int? ReviewTimeLimitHours { get; set; }
    public string ComplaintChannel { get; set; } = "";
    /// <summary>Beijing time, "yyyy-MM-ddTHH:mm" (the value of an &lt;input type="datetime-local"&gt;).</summary>
    public string EnrollmentOpens { get; set; } = "";
    public string EnrollmentCloses { get; set; } = "";

    public static RulesInput From(ProjectVersion v) => new()
    {
        Audience = v.Audience, MinAge = v.MinAge, MaxAge = v.MaxAge, EducationRequirement = v.EducationRequirement,
        ExperienceRequirement = v.ExperienceRequirement, HealthRequirement = v.HealthRequirement, OtherConditions = v.OtherConditions,
        LearningRequirements = v.LearningRequirements, CompletionRule = v.CompletionRule, ExamRules = v.ExamRules, MakeupRules = v.MakeupRules,
        CertificateRules = v.CertificateRules, CourseForm = v.CourseForm, RefundRules = v.RefundRules,
        RefundPercentAfterActivation = v.RefundPercentAfterActivation, LearningValidityDays = v.LearningValidityDays,
        ReplayValidityDays = v.ReplayValidityDays, ReviewTimeLimitHours = v.ReviewTimeLimitHours, ComplaintChannel = v.ComplaintChannel,
        EnrollmentOpens = ManageProjectsHandler.BeijingInput(v.EnrollmentOpensAtUtc),
        EnrollmentCloses = ManageProjectsHandler.BeijingInput(v.EnrollmentClosesAtUtc),
    };
}

public sealed class FeeInput
{
    public FeeKind? Kind { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Yuan with at most two decimals, e.g. "1680" or "1680.50".</summary>
    public string Amount { get; set; } = "";
    public string Payee { get; set; } = "";
    public string RefundRule { get; set; } = "";
    public bool Mandatory { get; set; }
}

public sealed class MaterialInput
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public List<string> Formats { get; set; } = [];
    public int? MaxSizeKb { get; set; }
    public bool Required { get; set; }
}

public sealed record ProjectRow(Guid Id, string Code, string Name, string Occupation, string OccupationCode, int Level, ProjectStatus Status,
    string EvaluationInstitution, int? CurrentVersionNo, int? DraftVersionNo);

public sealed record ProjectWorkspace(Project Project, string TrainingInstitution, string EvaluationInstitution,
    IReadOnlyList<ProjectVersion> Versions, ProjectVersion? Current, ProjectVersion? Draft);

/// <summary>Error codes of project authoring (for audit and the API); the messages are in Chinese.</summary>
public static class ManageProjectsErrors
{
    public const string NotFound = "enrollment.project_not_found";
    public const string VersionFrozen = "enrollment.version_frozen";
    public const string DraftExists = "enrollment.draft_exists";
    public const string PublicationIncomplete = "enrollment.publication_incomplete";
    public const string RoleSeparation = "enrollment.role_separation";
    public const string DuplicateCode = "enrollment.duplicate_code";
}

/// <summary>
/// Project authoring by training-institution staff (ENR-02, PAY-01, PAY-04): create a project with its first draft of
/// rules, edit the draft (rules, itemised fees, required materials), publish it, and start the next version from the
/// current one. Published versions are frozen — an enrollment keeps the version it was made under. Every action is
/// tenant-checked, runs in one transaction and leaves an audit record; refused input saves nothing.
/// </summary>
public sealed partial class ManageProjectsHandler(AppDbContext db, IAccountsApi accounts, AuditLog audit, CurrentUser me, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> AllowedFormats = ["jpg", "png", "pdf"];
    public const int MaxMaterialSizeKb = 10240;
    private const long MaxFeeFen = 100_000_000;   // ¥1,000,000.00

    // ---------- reading ----------

    /// <summary>Institutions in which the signed-in user holds a role that may manage projects (not merely any role).</summary>
    public IReadOnlyList<Guid> ManagedInstitutionIds()
    {
        if (!me.Has(Permissions.Enrollment.ManageProjects)) return [];
        var roles = RolePermissions.RolesWithMapping.Where(r => RolePermissions.For(r).Contains(Permissions.Enrollment.ManageProjects)).ToList();
        return me.TenantIds.Where(t => roles.Any(r => me.HasRoleIn(r, t))).Distinct().ToList();
    }

    public async Task<IReadOnlyList<InstitutionInfo>> TrainingInstitutionsAsync(CancellationToken ct)
    {
        var managed = ManagedInstitutionIds();
        return (await accounts.ListInstitutionsAsync(ct)).Where(i => i.Kind == InstitutionKind.Training && managed.Contains(i.Id)).ToList();
    }

    public async Task<IReadOnlyList<InstitutionInfo>> EvaluationInstitutionsAsync(CancellationToken ct)
        => (await accounts.ListInstitutionsAsync(ct)).Where(i => i.Kind == InstitutionKind.Evaluation).ToList();

    public async Task<IReadOnlyList<ProjectRow>> ListAsync(CancellationToken ct)
    {
        var tenants = ManagedInstitutionIds().ToList();
        if (tenants.Count == 0) return [];
        var projects = await db.Set<Project>().AsNoTracking().Where(p => tenants.Contains(p.TrainingInstitutionId))
            .OrderBy(p => p.Code).Take(1000).ToListAsync(ct);
        var ids = projects.Select(p => p.Id).ToList();
        var versions = await db.Set<ProjectVersion>().AsNoTracking().Where(v => ids.Contains(v.ProjectId))
            .Select(v => new { v.Id, v.ProjectId, v.VersionNo, v.Status }).ToListAsync(ct);
        var names = (await accounts.ListInstitutionsAsync(ct)).ToDictionary(i => i.Id, i => i.Name);
        return projects.Select(p => new ProjectRow(p.Id, p.Code, p.Name, p.Occupation, p.OccupationCode, p.Level, p.Status,
                names.GetValueOrDefault(p.EvaluationInstitutionId, ""),
                versions.FirstOrDefault(v => v.Id == p.CurrentVersionId)?.VersionNo,
                versions.FirstOrDefault(v => v.ProjectId == p.Id && v.Status == VersionStatus.Draft)?.VersionNo))
            .ToList();
    }

    /// <summary>The project with its version history, the current (published) version and the draft, or null when not ours.</summary>
    public async Task<ProjectWorkspace?> WorkspaceAsync(Guid projectId, CancellationToken ct)
    {
        var tenants = ManagedInstitutionIds().ToList();
        var project = await db.Set<Project>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId && tenants.Contains(p.TrainingInstitutionId), ct);
        if (project is null) return null;
        var versions = await db.Set<ProjectVersion>().AsNoTracking().Include(v => v.Fees).Include(v => v.Materials)
            .Where(v => v.ProjectId == projectId).OrderByDescending(v => v.VersionNo).ToListAsync(ct);
        var training = await accounts.GetInstitutionAsync(project.TrainingInstitutionId, ct);
        var evaluation = await accounts.GetInstitutionAsync(project.EvaluationInstitutionId, ct);
        return new ProjectWorkspace(project, training?.Name ?? "", evaluation?.Name ?? "", versions,
            versions.FirstOrDefault(v => v.Id == project.CurrentVersionId), versions.FirstOrDefault(v => v.Status == VersionStatus.Draft));
    }

    // ---------- actions ----------

    public async Task<Outcome<Project>> CreateAsync(CreateProjectInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var trainingOptions = await TrainingInstitutionsAsync(ct);
        var training = input.TrainingInstitutionId is { } tid
            ? trainingOptions.FirstOrDefault(i => i.Id == tid)
            : trainingOptions.Count == 1 ? trainingOptions[0] : null;
        if (training is null)
            errors[nameof(input.TrainingInstitutionId)] = trainingOptions.Count == 0 ? "您不是培训机构的项目管理人员，不能创建项目。" : "请选择所属培训机构。";

        var code = (input.Code ?? "").Trim().ToUpperInvariant();
        if (code.Length == 0) errors[nameof(input.Code)] = "请填写项目编码。";
        else if (code.Length > 40 || !CodePattern().IsMatch(code)) errors[nameof(input.Code)] = "项目编码只能由大写字母 A–Z、数字 0–9 和连字符“-”组成（不超过 40 位，如 SSI-SWIM-4）。";
        Text(errors, nameof(input.Name), "项目名称", input.Name, 100, required: true);
        Text(errors, nameof(input.Occupation), "职业名称", input.Occupation, 60, required: true);
        var occupationCode = (input.OccupationCode ?? "").Trim();
        if (!OccupationCodePattern().IsMatch(occupationCode))
            errors[nameof(input.OccupationCode)] = "请按《国家职业分类大典》填写职业编码，格式如 4-13-04-01。";
        if (input.Level is not (>= 1 and <= 5)) errors[nameof(input.Level)] = "请选择职业技能等级（一级至五级）。";
        Text(errors, nameof(input.Audience), "适用对象", input.Audience, 500, required: false);
        Text(errors, nameof(input.Summary), "项目简介", input.Summary, 2000, required: false);

        InstitutionInfo? evaluation = null;
        if (input.EvaluationInstitutionId is { } eid)
            evaluation = (await EvaluationInstitutionsAsync(ct)).FirstOrDefault(i => i.Id == eid);
        if (evaluation is null) errors[nameof(input.EvaluationInstitutionId)] = "请选择承担考核的评价机构。";
        else if (training is not null && evaluation.Id == training.Id)
            errors[nameof(input.EvaluationInstitutionId)] = "考培分离：评价机构不能是本培训机构。";
        if (errors.Count > 0) return Outcome<Project>.Fail(errors);

        if (await db.Set<Project>().AnyAsync(p => p.Code == code, ct))
            return Outcome<Project>.Fail(nameof(input.Code), $"项目编码 {code} 已被使用，请换一个。", ManageProjectsErrors.DuplicateCode);
        var shared = await accounts.PeopleWithRolesInBothAsync(training!.Id, evaluation!.Id, ct);
        if (shared.Count > 0)
            return Outcome<Project>.Fail(nameof(input.EvaluationInstitutionId),
                $"考培分离：有 {shared.Count} 名人员同时在本培训机构和“{evaluation.Name}”担任岗位，不能由该评价机构承担本项目的考核。请先调整人员岗位，或选择其他评价机构。",
                ManageProjectsErrors.RoleSeparation);

        var now = clock.GetUtcNow().UtcDateTime;
        var audience = (input.Audience ?? "").Trim();
        var project = Project.Create(code, input.Name.Trim(), input.Occupation.Trim(), occupationCode, input.Level!.Value, audience,
            (input.Summary ?? "").Trim(), training.Id, evaluation.Id, now);
        var draft = ProjectVersion.Draft(project.Id, 1, now);
        draft.Audience = audience;
        db.Set<Project>().Add(project);
        db.Set<ProjectVersion>().Add(draft);
        audit.Record("project.created", "project", project.Id.ToString(),
            new { project.Code, project.Name, project.OccupationCode, project.Level, evaluation = evaluation.Id, draft = draft.Id, version = 1 }, training.Id);
        await db.SaveChangesAsync(ct);
        return Outcome<Project>.Success(project);
    }

    /// <summary>Starts the next version as a copy of the current one; only when there is no draft already.</summary>
    public async Task<Outcome<ProjectVersion>> DraftNextVersionAsync(Guid projectId, CancellationToken ct)
    {
        var project = await FindProjectAsync(projectId, ct);
        if (project is null) return NotFound<ProjectVersion>();
        var versions = await db.Set<ProjectVersion>().Where(v => v.ProjectId == projectId)
            .Select(v => new { v.Id, v.VersionNo, v.Status }).ToListAsync(ct);
        if (versions.FirstOrDefault(v => v.Status == VersionStatus.Draft) is { } existing)
            return Outcome<ProjectVersion>.Fail("", $"第 {existing.VersionNo} 版草稿尚未发布，请继续编辑该草稿。", ManageProjectsErrors.DraftExists);
        var now = clock.GetUtcNow().UtcDateTime;
        var next = versions.Count == 0 ? 1 : versions.Max(v => v.VersionNo) + 1;
        ProjectVersion draft;
        if (project.CurrentVersionId is { } currentId)
        {
            var current = await db.Set<ProjectVersion>().AsNoTracking().Include(v => v.Fees).Include(v => v.Materials)
                .FirstAsync(v => v.Id == currentId, ct);
            // CopyAsDraft numbers the copies in list order, and loaded collections come in no particular order (Guid v7
            // ids made in the same millisecond are not monotonic), so put them in their published order first.
            current.Fees.Sort((a, b) => a.Order.CompareTo(b.Order));
            current.Materials.Sort((a, b) => a.Order.CompareTo(b.Order));
            draft = current.CopyAsDraft(next, now);
        }
        else draft = ProjectVersion.Draft(project.Id, next, now);
        db.Set<ProjectVersion>().Add(draft);
        audit.Record("project.version_drafted", "project", project.Id.ToString(),
            new { version = next, draft = draft.Id, copiedFrom = project.CurrentVersionId }, project.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<ProjectVersion>.Success(draft);
    }

    public async Task<Outcome<ProjectVersion>> UpdateRulesAsync(Guid projectId, Guid versionId, RulesInput input, CancellationToken ct)
    {
        var target = await LoadDraftAsync(projectId, versionId, ct);
        if (!target.Ok) return Outcome<ProjectVersion>.Fail(target.Errors, target.Code!);
        var (project, draft) = target.Value!;

        var errors = new Dictionary<string, string>();
        Text(errors, nameof(input.Audience), "适用对象", input.Audience, 500, required: false);
        foreach (var (key, label, value) in new (string, string, string)[]
                 {
                     (nameof(input.EducationRequirement), "学历要求", input.EducationRequirement),
                     (nameof(input.ExperienceRequirement), "从业经历要求", input.ExperienceRequirement),
                     (nameof(input.HealthRequirement), "身体条件", input.HealthRequirement),
                     (nameof(input.OtherConditions), "其他条件", input.OtherConditions),
                     (nameof(input.LearningRequirements), "学习要求", input.LearningRequirements),
                     (nameof(input.CompletionRule), "学习完成规则", input.CompletionRule),
                     (nameof(input.ExamRules), "考试规则", input.ExamRules),
                     (nameof(input.MakeupRules), "补考规则", input.MakeupRules),
                     (nameof(input.CertificateRules), "证书规则", input.CertificateRules),
                     (nameof(input.CourseForm), "课程形式", input.CourseForm),
                     (nameof(input.RefundRules), "退费规则", input.RefundRules),
                     (nameof(input.ComplaintChannel), "咨询投诉渠道", input.ComplaintChannel),
                 })
            Text(errors, key, label, value, 2000, required: false);
        if (input.MinAge is < 14 or > 100) errors[nameof(input.MinAge)] = "最低年龄应在 14–100 周岁之间（不限可留空）。";
        if (input.MaxAge is < 14 or > 100) errors[nameof(input.MaxAge)] = "最高年龄应在 14–100 周岁之间（不限可留空）。";
        if (input.MinAge is { } min && input.MaxAge is { } max && max < min) errors[nameof(input.MaxAge)] = "最高年龄不能小于最低年龄。";
        Range(errors, nameof(input.RefundPercentAfterActivation), "开课后退费比例（%）", input.RefundPercentAfterActivation, 0, 100);
        Range(errors, nameof(input.LearningValidityDays), "学习有效期（天）", input.LearningValidityDays, 1, 3650);
        Range(errors, nameof(input.ReplayValidityDays), "回看有效期（天）", input.ReplayValidityDays, 1, 3650);
        Range(errors, nameof(input.ReviewTimeLimitHours), "审核时限（小时）", input.ReviewTimeLimitHours, 1, 720);
        var opens = ParseBeijing(errors, nameof(input.EnrollmentOpens), "报名开始时间", input.EnrollmentOpens);
        var closes = ParseBeijing(errors, nameof(input.EnrollmentCloses), "报名截止时间", input.EnrollmentCloses);
        if (opens is { } o && closes is { } c && c <= o) errors[nameof(input.EnrollmentCloses)] = "报名截止时间应晚于报名开始时间。";
        if (errors.Count > 0) return Outcome<ProjectVersion>.Fail(errors);

        draft.Audience = Clean(input.Audience);
        draft.MinAge = input.MinAge;
        draft.MaxAge = input.MaxAge;
        draft.EducationRequirement = Clean(input.EducationRequirement);
        draft.ExperienceRequirement = Clean(input.ExperienceRequirement);
        draft.HealthRequirement = Clean(input.HealthRequirement);
        draft.OtherConditions = Clean(input.OtherConditions);
        draft.LearningRequirements = Clean(input.LearningRequirements);
        draft.CompletionRule = Clean(input.CompletionRule);
        draft.ExamRules = Clean(input.ExamRules);
        draft.MakeupRules = Clean(input.MakeupRules);
        draft.CertificateRules = Clean(input.CertificateRules);
        draft.CourseForm = Clean(input.CourseForm);
        draft.RefundRules = Clean(input.RefundRules);
        draft.RefundPercentAfterActivation = input.RefundPercentAfterActivation!.Value;
        draft.LearningValidityDays = input.LearningValidityDays!.Value;
        draft.ReplayValidityDays = input.ReplayValidityDays!.Value;
        draft.ReviewTimeLimitHours = input.ReviewTimeLimitHours!.Value;
        draft.ComplaintChannel = Clean(input.ComplaintChannel);
        draft.EnrollmentOpensAtUtc = opens ?? default;
        draft.EnrollmentClosesAtUtc = closes ?? default;
        audit.Record("project.rules_updated", "project", project.Id.ToString(),
            new { version = draft.VersionNo, draft = draft.Id, opens, closes, draft.RefundPercentAfterActivation, draft.LearningValidityDays,
                draft.ReplayValidityDays, draft.ReviewTimeLimitHours }, project.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<ProjectVersion>.Success(draft);
    }

    public async Task<Outcome<ProjectFee>> AddFeeAsync(Guid projectId, Guid versionId, FeeInput input, CancellationToken ct)
    {
        var target = await LoadDraftAsync(projectId, versionId, ct);
        if (!target.Ok) return Outcome<ProjectFee>.Fail(target.Errors, target.Code!);
        var (project, draft) = target.Value!;

        var errors = new Dictionary<string, string>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) errors[nameof(input.Kind)] = "请选择收费类别。";
        var name = (input.Name ?? "").Trim();
        if (FeeRules.NameProblem(name) is { } problem) errors[nameof(input.Name)] = $"收费项目{problem}。";
        else if (draft.Fees.Any(f => f.Name == name)) errors[nameof(input.Name)] = $"已有名为“{name}”的收费项目。";
        var fen = ParseYuan(input.Amount);
        if (fen is null) errors[nameof(input.Amount)] = "金额请填写大于 0 的数字，单位元，最多两位小数（如 1680 或 1680.50）。";
        else if (fen > MaxFeeFen) errors[nameof(input.Amount)] = "单项金额不能超过 1,000,000 元。";
        Text(errors, nameof(input.Payee), "收款单位", input.Payee, 100, required: true);
        Text(errors, nameof(input.RefundRule), "该项退费规则", input.RefundRule, 500, required: true);
        if (errors.Count > 0) return Outcome<ProjectFee>.Fail(errors);

        var fee = draft.AddFee(input.Kind!.Value, name, fen!.Value, input.Payee, input.RefundRule, input.Mandatory);
        db.Set<ProjectFee>().Add(fee);   // explicit: a client-set Guid key found through a navigation would be taken for an existing row
        audit.Record("project.fee_added", "project", project.Id.ToString(),
            new { version = draft.VersionNo, fee = fee.Id, kind = fee.Kind.ToString(), fee.Name, fee.AmountFen, fee.Payee, fee.Mandatory }, project.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<ProjectFee>.Success(fee);
    }

    public async Task<Outcome<ProjectVersion>> RemoveFeeAsync(Guid projectId, Guid versionId, Guid feeId, CancellationToken ct)
    {
        var target = await LoadDraftAsync(projectId, versionId, ct);
        if (!target.Ok) return Outcome<ProjectVersion>.Fail(target.Errors, target.Code!);
        var (project, draft) = target.Value!;
        var fee = draft.Fees.FirstOrDefault(f => f.Id == feeId);
        if (fee is null) return Outcome<ProjectVersion>.Fail("", "该收费项目不存在或已删除。");

        // Orders are unique per version and the next fee takes Fees.Count + 1, so the fees after the removed one are
        // re-added in order (a draft has never been shown to a learner, so no reference to these rows exists).
        var later = draft.Fees.Where(f => f.Order > fee.Order).OrderBy(f => f.Order).ToList();
        foreach (var f in later.Prepend(fee))
        {
            draft.Fees.Remove(f);
            db.Set<ProjectFee>().Remove(f);
        }
        foreach (var f in later)
            db.Set<ProjectFee>().Add(draft.AddFee(f.Kind, f.Name, f.AmountFen, f.Payee, f.RefundRule, f.Mandatory));
        audit.Record("project.fee_removed", "project", project.Id.ToString(),
            new { version = draft.VersionNo, fee = fee.Id, fee.Name, fee.AmountFen }, project.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<ProjectVersion>.Success(draft);
    }

    public async Task<Outcome<RequiredMaterial>> AddMaterialAsync(Guid projectId, Guid versionId, MaterialInput input, CancellationToken ct)
    {
        var target = await LoadDraftAsync(projectId, versionId, ct);
        if (!target.Ok) return Outcome<RequiredMaterial>.Fail(target.Errors, target.Code!);
        var (project, draft) = target.Value!;

        var errors = new Dictionary<string, string>();
        var key = (input.Key ?? "").Trim();
        if (!MaterialKeyPattern().IsMatch(key)) errors[nameof(input.Key)] = "材料标识只能由小写字母 a–z、数字 0–9 和下划线组成（不超过 40 位，如 photo、education）。";
        else if (draft.Materials.Any(m => m.Key == key)) errors[nameof(input.Key)] = $"材料标识 {key} 已存在。";
        Text(errors, nameof(input.Name), "材料名称", input.Name, 60, required: true);
        Text(errors, nameof(input.Description), "材料说明", input.Description, 300, required: false);
        var formats = (input.Formats ?? []).Select(f => (f ?? "").Trim().ToLowerInvariant()).Where(f => f.Length > 0).Distinct().ToList();
        if (formats.Count == 0 || formats.Any(f => !AllowedFormats.Contains(f))) errors[nameof(input.Formats)] = "请选择可接受的文件格式（jpg、png、pdf 中的一种或几种）。";
        if (input.MaxSizeKb is not (>= 1 and <= MaxMaterialSizeKb)) errors[nameof(input.MaxSizeKb)] = $"单个文件大小上限应在 1–{MaxMaterialSizeKb} KB（10 MB）之间。";
        if (errors.Count > 0) return Outcome<RequiredMaterial>.Fail(errors);

        var ordered = AllowedFormats.Where(formats.Contains);
        var material = draft.AddMaterial(key, input.Name.Trim(), Clean(input.Description), string.Join(",", ordered), input.MaxSizeKb!.Value, input.Required);
        db.Set<RequiredMaterial>().Add(material);
        audit.Record("project.material_added", "project", project.Id.ToString(),
            new { version = draft.VersionNo, material = material.Id, material.Key, material.Name, material.AcceptedFormats, material.MaxSizeKb, material.Required },
            project.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<RequiredMaterial>.Success(material);
    }

    public async Task<Outcome<ProjectVersion>> RemoveMaterialAsync(Guid projectId, Guid versionId, Guid materialId, CancellationToken ct)
    {
        var target = await LoadDraftAsync(projectId, versionId, ct);
        if (!target.Ok) return Outcome<ProjectVersion>.Fail(target.Errors, target.Code!);
        var (project, draft) = target.Value!;
        var material = draft.Materials.FirstOrDefault(m => m.Id == materialId);
        if (material is null) return Outcome<ProjectVersion>.Fail("", "该材料要求不存在或已删除。");

        var later = draft.Materials.Where(m => m.Order > material.Order).OrderBy(m => m.Order).ToList();
        foreach (var m in later.Prepend(material))
        {
            draft.Materials.Remove(m);
            db.Set<RequiredMaterial>().Remove(m);
        }
        foreach (var m in later)
            db.Set<RequiredMaterial>().Add(draft.AddMaterial(m.Key, m.Name, m.Description, m.AcceptedFormats, m.MaxSizeKb, m.Required));
        audit.Record("project.material_removed", "project", project.Id.ToString(),
            new { version = draft.VersionNo, material = material.Id, material.Key, material.Name }, project.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<ProjectVersion>.Success(draft);
    }

    /// <summary>Publishes the draft: it becomes the rules for new enrollments and the previous version is superseded.</summary>
    public async Task<Outcome<ProjectVersion>> PublishAsync(Guid projectId, Guid versionId, CancellationToken ct)
    {
        var target = await LoadDraftAsync(projectId, versionId, ct);
        if (!target.Ok) return Outcome<ProjectVersion>.Fail(target.Errors, target.Code!);
        var (project, draft) = target.Value!;
        var previous = project.CurrentVersionId is { } currentId
            ? await db.Set<ProjectVersion>().FirstAsync(v => v.Id == currentId, ct)
            : null;
        var now = clock.GetUtcNow().UtcDateTime;
        var problems = project.PublishVersion(draft, previous, me.UserId, now);
        if (problems.Count > 0)
            return Outcome<ProjectVersion>.Fail(problems.Select((p, i) => (Key: $"publish{i}", Value: p)).ToDictionary(x => x.Key, x => x.Value),
                ManageProjectsErrors.PublicationIncomplete);
        audit.Record("project.published", "project", project.Id.ToString(),
            new { version = draft.VersionNo, published = draft.Id, superseded = previous?.Id, supersededVersion = previous?.VersionNo,
                fees = draft.Fees.OrderBy(f => f.Order).Select(f => new { f.Name, f.AmountFen, f.Mandatory }), mandatoryTotalFen = draft.MandatoryTotalFen },
            project.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<ProjectVersion>.Success(draft);
    }

    // ---------- helpers ----------

    private async Task<Project?> FindProjectAsync(Guid projectId, CancellationToken ct)
    {
        var tenants = ManagedInstitutionIds().ToList();
        if (tenants.Count == 0) return null;
        return await db.Set<Project>().FirstOrDefaultAsync(p => p.Id == projectId && tenants.Contains(p.TrainingInstitutionId), ct);
    }

    /// <summary>The project (tenant-checked) and its version, which must still be a draft: published rules are never edited.</summary>
    private async Task<Outcome<(Project Project, ProjectVersion Draft)>> LoadDraftAsync(Guid projectId, Guid versionId, CancellationToken ct)
    {
        var project = await FindProjectAsync(projectId, ct);
        if (project is null) return NotFound<(Project, ProjectVersion)>();
        var version = await db.Set<ProjectVersion>().Include(v => v.Fees).Include(v => v.Materials)
            .FirstOrDefaultAsync(v => v.Id == versionId && v.ProjectId == projectId, ct);
        if (version is null) return Outcome<(Project, ProjectVersion)>.Fail("", "该版本不存在。", ManageProjectsErrors.NotFound);
        if (version.Status != VersionStatus.Draft)
            return Outcome<(Project, ProjectVersion)>.Fail("",
                $"第 {version.VersionNo} 版已发布，规则已冻结，不能修改。如需调整，请基于当前版本创建新版本（只适用于此后的新报名）。", ManageProjectsErrors.VersionFrozen);
        return Outcome<(Project, ProjectVersion)>.Success((project, version));
    }

    private static Outcome<T> NotFound<T>() => Outcome<T>.Fail("", "项目不存在或不属于本机构。", ManageProjectsErrors.NotFound);

    /// <summary>Bounded free text; line breaks allowed (rules are paragraphs), markup and other control characters refused.</summary>
    private static void Text(Dictionary<string, string> errors, string key, string label, string? value, int max, bool required)
    {
        var s = (value ?? "").Trim();
        if (required && s.Length == 0) errors[key] = $"请填写{label}。";
        else if (s.Length > max) errors[key] = $"{label}不能超过 {max} 个字。";
        else if (s.Any(c => c is '<' or '>' || (char.IsControl(c) && c is not ('\r' or '\n' or '\t')))) errors[key] = $"{label}不能包含尖括号或控制字符。";
    }

    private static void Range(Dictionary<string, string> errors, string key, string label, int? value, int min, int max)
    {
        if (value is not { } v || v < min || v > max) errors[key] = $"{label}应为 {min}–{max} 之间的整数。";
    }

    private static string Clean(string? value) => (value ?? "").Trim().ReplaceLineEndings("\n");

    /// <summary>Yuan with at most two decimals → fen; null when not a positive amount.</summary>
    public static long? ParseYuan(string? raw)
    {
        var s = (raw ?? "").Trim().Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal).TrimStart('¥', '￥');
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan)) return null;
        if (yuan <= 0 || yuan * 100 != decimal.Truncate(yuan * 100) || yuan > 10_000_000m) return null;
        return (long)(yuan * 100);
    }

    private static readonly string[] BeijingFormats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

    /// <summary>A Beijing wall-clock time (UTC+8, no daylight saving) → UTC; empty means not set yet.</summary>
    private static DateTime? ParseBeijing(Dictionary<string, string> errors, string key, string label, string? raw)
    {
        var s = (raw ?? "").Trim();
        if (s.Length == 0) return null;
        if (!DateTime.TryParseExact(s, BeijingFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) || local.Year is < 2000 or > 2100)
        {
            errors[key] = $"{label}格式不正确，请按“年-月-日 时:分”（北京时间）填写。";
            return null;
        }
        return DateTime.SpecifyKind(local.AddHours(-8), DateTimeKind.Utc);
    }

    /// <summary>UTC → the value of a datetime-local input in Beijing time ("" when not set).</summary>
    public static string BeijingInput(DateTime utc)
        => utc.Year < 2000 ? "" : utc.AddHours(8).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    public static string Beijing(DateTime? utc) => utc is { } u && u.Year >= 2000 ? u.AddHours(8).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string VersionStatusName(VersionStatus s) => s switch
    {
        VersionStatus.Draft => "草稿", VersionStatus.Published => "现行", VersionStatus.Superseded => "已被新版本替代", _ => s.ToString(),
    };

    public static string ProjectStatusName(ProjectStatus s) => s switch
    {
        ProjectStatus.Draft => "未发布", ProjectStatus.Published => "已发布", ProjectStatus.Closed => "已关闭", _ => s.ToString(),
    };

    [GeneratedRegex("^[A-Z0-9]+(-[A-Z0-9]+)*$")] private static partial Regex CodePattern();
    [GeneratedRegex(@"^\d-\d{2}-\d{2}-\d{2}$")] private static partial Regex OccupationCodePattern();
    [GeneratedRegex("^[a-z0-9_]{1,40}$")] private static partial Regex MaterialKeyPattern();
}
