using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Learning.Authoring;

/// <summary>Error codes of course authoring (for audit and tests); the messages are in Chinese.</summary>
public static class CourseErrors
{
    public const string NotFound = "learning.course_not_found";
    public const string CourseExists = "learning.course_exists";
    public const string Cycle = "learning.prerequisite_cycle";
    public const string WrongKind = "learning.unit_wrong_kind";
    public const string LiveNotOver = "learning.live_not_over";
    public const string Archived = "learning.unit_archived";
    public const string BadFile = "learning.bad_file";
}

public sealed record ProjectCourseRow(ProjectSummary Project, Guid? CourseId, string CourseTitle, int Sections, int Units, int DurationMinutes);

/// <summary>A course as its teachers edit it: every section and unit (archived ones too) with numbers and prerequisites.</summary>
public sealed record CourseWorkspace(Course Course, ProjectSummary Project, IReadOnlyList<CourseSection> Sections, IReadOnlyList<CourseUnit> Units,
    IReadOnlyList<UnitPrerequisite> Prerequisites)
{
    public IReadOnlyList<(CourseSection Section, int Number, IReadOnlyList<(CourseUnit Unit, string Number)> Units)> Ordered { get; } =
        CourseOutlines.Order(Sections, Units);

    public int DurationMinutes => CourseOutlines.DurationMinutes(Units);

    public IEnumerable<CourseUnit> Archived => Units.Where(u => u.ArchivedAtUtc is not null).OrderBy(u => u.ArchivedAtUtc);

    public string NumberOf(Guid unitId) => Ordered.SelectMany(s => s.Units).Where(u => u.Unit.Id == unitId).Select(u => u.Number).FirstOrDefault() ?? "—";

    public IReadOnlyList<CourseUnit> PrerequisitesOf(Guid unitId)
        => Prerequisites.Where(p => p.UnitId == unitId).Select(p => Units.FirstOrDefault(u => u.Id == p.RequiresUnitId))
            .OfType<CourseUnit>().Where(u => u.ArchivedAtUtc is null).ToList();
}

/// <summary>
/// Course authoring by the training institution's teachers and admins (LRN-01, LRN-02, PLT-02, PLT-03): create the
/// course of a project with sections from its modules, edit title and rules, arrange sections and units, set
/// prerequisites (no cycles), attach content checked by its bytes. Every action is tenant-checked (the project's
/// training institution must be one the user manages courses for), runs in one transaction and is audited; refused
/// input changes nothing.
/// </summary>
public sealed class CourseAuthoringHandler(AppDbContext db, IEnrollmentApi enrollment, AuditLog audit, CurrentUser me, TimeProvider clock,
    IFileStore files, IOptions<ContentOptions> options)
{
    private static readonly string[] DocumentFormats = ["pdf", "jpg", "png"];

    // ---------- reading ----------

    /// <summary>The upload limits in force (shown next to the upload forms).</summary>
    public ContentOptions Limits => options.Value;

    /// <summary>Institutions in which the user holds a role that may manage courses.</summary>
    public IReadOnlyList<Guid> ManagedInstitutionIds()
    {
        if (!me.Has(Permissions.Learning.ManageCourses)) return [];
        var roles = RolePermissions.RolesWithMapping.Where(r => RolePermissions.For(r).Contains(Permissions.Learning.ManageCourses)).ToList();
        return me.TenantIds.Where(t => roles.Any(r => me.HasRoleIn(r, t))).Distinct().ToList();
    }

    public async Task<IReadOnlyList<ProjectCourseRow>> ListAsync(CancellationToken ct)
    {
        var projects = new List<ProjectSummary>();
        foreach (var institution in ManagedInstitutionIds())
            projects.AddRange((await enrollment.ListProjectsOfInstitutionAsync(institution, ct)).Where(p => p.TrainingInstitutionId == institution));
        var ids = projects.Select(p => p.Id).ToList();
        var courses = await db.Set<Course>().AsNoTracking().Where(c => ids.Contains(c.ProjectId)).ToListAsync(ct);
        var courseIds = courses.Select(c => c.Id).ToList();
        var units = await db.Set<CourseUnit>().AsNoTracking().Where(u => courseIds.Contains(u.CourseId) && u.ArchivedAtUtc == null).ToListAsync(ct);
        var sections = await db.Set<CourseSection>().AsNoTracking().Where(s => courseIds.Contains(s.CourseId))
            .GroupBy(s => s.CourseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return projects.OrderBy(p => p.Code, StringComparer.Ordinal).Select(p =>
        {
            var course = courses.FirstOrDefault(c => c.ProjectId == p.Id);
            var mine = course is null ? [] : units.Where(u => u.CourseId == course.Id).ToList();
            return new ProjectCourseRow(p, course?.Id, course?.Title ?? "", course is null ? 0 : sections.GetValueOrDefault(course.Id),
                mine.Count, CourseOutlines.DurationMinutes(mine));
        }).ToList();
    }

    /// <summary>The course with everything in it, or null when it does not exist or is not the user's institution's.</summary>
    public async Task<CourseWorkspace?> WorkspaceAsync(Guid courseId, CancellationToken ct)
    {
        var course = await FindCourseAsync(courseId, tracked: false, ct);
        if (course is null) return null;
        var project = await enrollment.GetProjectAsync(course.ProjectId, ct);
        if (project is null) return null;
        var sections = await db.Set<CourseSection>().AsNoTracking().Where(s => s.CourseId == courseId).ToListAsync(ct);
        var units = await db.Set<CourseUnit>().AsNoTracking().Where(u => u.CourseId == courseId).ToListAsync(ct);
        var unitIds = units.Select(u => u.Id).ToList();
        var prerequisites = await db.Set<UnitPrerequisite>().AsNoTracking().Where(p => unitIds.Contains(p.UnitId)).ToListAsync(ct);
        return new CourseWorkspace(course, project, sections, units, prerequisites);
    }

    // ---------- the course ----------

    public async Task<Outcome<Course>> CreateAsync(Guid projectId, CancellationToken ct)
    {
        var project = await enrollment.GetProjectAsync(projectId, ct);
        if (project is null || !ManagedInstitutionIds().Contains(project.TrainingInstitutionId))
            return Outcome<Course>.Fail("", "项目不存在，或不属于您所在的培训机构。", CourseErrors.NotFound);
        if (await db.Set<Course>().AnyAsync(c => c.ProjectId == projectId, ct))
            return Outcome<Course>.Fail("", "该项目已有课程，请直接编辑。", CourseErrors.CourseExists);
        var now = clock.GetUtcNow().UtcDateTime;
        var course = Course.Create(projectId, project.TrainingInstitutionId, Cut(project.Name, 100), "", now);
        db.Set<Course>().Add(course);
        var modules = await enrollment.GetModulesAsync(projectId, ct);
        foreach (var m in modules)
            db.Set<CourseSection>().Add(CourseSection.Create(course.Id, m.Order, Cut(m.Title, 100), Cut(m.KnowledgePoints, 1000)));
        audit.Record("course.created", "course", course.Id.ToString(), new { project = projectId, project.Code, title = course.Title, sections = modules.Count },
            project.TrainingInstitutionId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Outcome<Course>.Fail("", "该项目已有课程，请直接编辑。", CourseErrors.CourseExists);   // created concurrently (unique project)
        }
        return Outcome<Course>.Success(course);
    }

    public async Task<Outcome<Course>> RenameAsync(Guid courseId, CourseInfoInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        Text(errors, nameof(input.Title), "课程名称", input.Title, 100, required: true);
        Text(errors, nameof(input.Summary), "课程简介", input.Summary, 2000, required: false, multiline: true);
        var course = await FindCourseAsync(courseId, tracked: true, ct);
        if (course is null) return NotFound<Course>();
        if (errors.Count > 0) return Outcome<Course>.Fail(errors);
        var old = new { course.Title, course.Summary };
        course.Rename(input.Title, input.Summary ?? "", clock.GetUtcNow().UtcDateTime);
        audit.Record("course.renamed", "course", course.Id.ToString(), new { old, @new = new { course.Title, course.Summary } }, course.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<Course>.Success(course);
    }

    public async Task<Outcome<Course>> SetRulesAsync(Guid courseId, CourseRulesInput input, CancellationToken ct)
    {
        var course = await FindCourseAsync(courseId, tracked: true, ct);
        if (course is null) return NotFound<Course>();
        var errors = new Dictionary<string, string>();
        int Need(int? value, string field, string label)
        {
            if (value is null) errors[field] = $"请填写{label}（整数）。";
            return value ?? 0;
        }
        var rules = new CourseRules(
            Need(input.DailyCapMinutes, nameof(input.DailyCapMinutes), "每日有效学时上限"),
            Need(input.InteractionIntervalMinutes, nameof(input.InteractionIntervalMinutes), "互动确认间隔"),
            Need(input.IdentityChecksPerVideo, nameof(input.IdentityChecksPerVideo), "每个视频的人脸核验次数"),
            Need(input.RequiredMinutes, nameof(input.RequiredMinutes), "要求的有效学习时长"),
            input.RequireAllUnits,
            Need(input.PracticeMinAnswered, nameof(input.PracticeMinAnswered), "练习题量要求"),
            Need(input.PracticeMinAccuracyPercent, nameof(input.PracticeMinAccuracyPercent), "练习正确率要求"),
            input.RequireSelfTestsPassed);
        if (errors.Count > 0) return Outcome<Course>.Fail(errors);
        var problems = rules.Errors();
        if (problems.Count > 0) return Outcome<Course>.Fail(problems.Select((p, i) => (p, i)).ToDictionary(x => $"rule{x.i}", x => x.p));
        var old = course.Rules;
        if (old == rules) return Outcome<Course>.Success(course);
        course.SetRules(rules, clock.GetUtcNow().UtcDateTime);
        audit.Record("course.rules_changed", "course", course.Id.ToString(), new { old, @new = rules }, course.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<Course>.Success(course);
    }

    // ---------- sections ----------

    public async Task<Outcome<CourseSection>> AddSectionAsync(Guid courseId, SectionInput input, CancellationToken ct)
    {
        var course = await FindCourseAsync(courseId, tracked: false, ct);
        if (course is null) return NotFound<CourseSection>();
        var errors = SectionErrors(input);
        if (errors.Count > 0) return Outcome<CourseSection>.Fail(errors);
        var order = await db.Set<CourseSection>().Where(s => s.CourseId == courseId).Select(s => (int?)s.Order).MaxAsync(ct) ?? 0;
        var section = CourseSection.Create(courseId, order + 1, input.Title, input.KnowledgePoints ?? "");
        db.Set<CourseSection>().Add(section);
        audit.Record("course.section_added", "course", courseId.ToString(), new { section = section.Id, section.Title, section.KnowledgePoints }, course.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<CourseSection>.Success(section);
    }

    public async Task<Outcome<CourseSection>> UpdateSectionAsync(Guid courseId, Guid sectionId, SectionInput input, CancellationToken ct)
    {
        var course = await FindCourseAsync(courseId, tracked: false, ct);
        if (course is null) return NotFound<CourseSection>();
        var section = await db.Set<CourseSection>().FirstOrDefaultAsync(s => s.Id == sectionId && s.CourseId == courseId, ct);
        if (section is null) return NotFound<CourseSection>();
        var errors = SectionErrors(input);
        if (errors.Count > 0) return Outcome<CourseSection>.Fail(errors);
        var old = new { section.Title, section.KnowledgePoints };
        section.Update(section.Order, input.Title, input.KnowledgePoints ?? "");
        audit.Record("course.section_updated", "course", courseId.ToString(), new { section = section.Id, old, @new = new { section.Title, section.KnowledgePoints } },
            course.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<CourseSection>.Success(section);
    }

    /// <summary>Moves a section one place up (-1) or down (+1); the orders are renumbered 1..n.</summary>
    public async Task<Outcome<CourseSection>> MoveSectionAsync(Guid courseId, Guid sectionId, int direction, CancellationToken ct)
    {
        var course = await FindCourseAsync(courseId, tracked: false, ct);
        if (course is null) return NotFound<CourseSection>();
        var sections = (await db.Set<CourseSection>().Where(s => s.CourseId == courseId).ToListAsync(ct))
            .OrderBy(s => s.Order).ThenBy(s => s.Title, StringComparer.Ordinal).ToList();
        var index = sections.FindIndex(s => s.Id == sectionId);
        if (index < 0) return NotFound<CourseSection>();
        var target = index + Math.Sign(direction);
        if (target < 0 || target >= sections.Count) return Outcome<CourseSection>.Success(sections[index]);
        (sections[index], sections[target]) = (sections[target], sections[index]);
        for (var i = 0; i < sections.Count; i++) sections[i].MoveTo(i + 1);
        audit.Record("course.section_moved", "course", courseId.ToString(), new { section = sectionId, from = index + 1, to = target + 1 }, course.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<CourseSection>.Success(sections[target]);
    }

    // ---------- units ----------

    public async Task<Outcome<CourseUnit>> AddUnitAsync(Guid courseId, UnitInput input, CancellationToken ct)
    {
        var course = await FindCourseAsync(courseId, tracked: false, ct);
        if (course is null) return NotFound<CourseUnit>();
        var errors = new Dictionary<string, string>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors[nameof(input.Kind)] = "请选择单元类型。";
            kind = UnitKind.Video;
        }
        var section = input.SectionId is { } sid ? await db.Set<CourseSection>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid && s.CourseId == courseId, ct) : null;
        if (section is null) errors[nameof(input.SectionId)] = "请选择所属章节。";
        var apply = ValidateUnit(kind, input, hasReplay: false, errors);
        if (errors.Count > 0) return Outcome<CourseUnit>.Fail(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        var order = await db.Set<CourseUnit>().Where(u => u.SectionId == section!.Id).Select(u => (int?)u.Order).MaxAsync(ct) ?? 0;
        var unit = CourseUnit.Create(courseId, section!.Id, order + 1, kind, input.Title, input.KnowledgePoint ?? "", input.Required, me.RequiredUserId, now);
        apply(unit);
        db.Set<CourseUnit>().Add(unit);
        audit.Record("course.unit_added", "course", courseId.ToString(), new { unit = unit.Id, kind = kind.ToString(), state = Snapshot(unit) }, course.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<CourseUnit>.Success(unit);
    }

    public async Task<Outcome<CourseUnit>> UpdateUnitAsync(Guid courseId, Guid unitId, UnitInput input, CancellationToken ct)
    {
        var (course, unit, fail) = await EditableUnitAsync(courseId, unitId, ct);
        if (fail is not null) return fail;
        var errors = new Dictionary<string, string>();
        var section = input.SectionId is { } sid ? await db.Set<CourseSection>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid && s.CourseId == courseId, ct) : null;
        if (section is null) errors[nameof(input.SectionId)] = "请选择所属章节。";
        var apply = ValidateUnit(unit!.Kind, input, unit.HasFile(), errors);
        if (errors.Count > 0) return Outcome<CourseUnit>.Fail(errors);
        var old = Snapshot(unit);
        var order = unit.Order;
        if (section!.Id != unit.SectionId)
            order = (await db.Set<CourseUnit>().Where(u => u.SectionId == section.Id).Select(u => (int?)u.Order).MaxAsync(ct) ?? 0) + 1;
        unit.Update(section.Id, order, input.Title, input.KnowledgePoint ?? "", input.Required);
        apply(unit);
        audit.Record("course.unit_updated", "course", courseId.ToString(), new { unit = unit.Id, old, @new = Snapshot(unit) }, course!.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<CourseUnit>.Success(unit);
    }

    /// <summary>Moves a unit one place up (-1) or down (+1) within its section; the orders are renumbered 1..n.</summary>
    public async Task<Outcome<CourseUnit>> MoveUnitAsync(Guid courseId, Guid unitId, int direction, CancellationToken ct)
    {
        var (course, unit, fail) = await EditableUnitAsync(courseId, unitId, ct);
        if (fail is not null) return fail;
        var siblings = (await db.Set<CourseUnit>().Where(u => u.SectionId == unit!.SectionId && u.ArchivedAtUtc == null).ToListAsync(ct))
            .OrderBy(u => u.Order).ThenBy(u => u.CreatedAtUtc).ToList();
        var index = siblings.FindIndex(u => u.Id == unitId);
        var target = index + Math.Sign(direction);
        if (target < 0 || target >= siblings.Count) return Outcome<CourseUnit>.Success(unit!);
        (siblings[index], siblings[target]) = (siblings[target], siblings[index]);
        for (var i = 0; i < siblings.Count; i++) siblings[i].MoveTo(siblings[i].SectionId, i + 1);
        audit.Record("course.unit_moved", "course", courseId.ToString(), new { unit = unitId, from = index + 1, to = target + 1 }, course!.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<CourseUnit>.Success(unit!);
    }

    /// <summary>Archives a unit: learners no longer see it; records keep pointing at it; never deleted.</summary>
    public async Task<Outcome<CourseUnit>> ArchiveUnitAsync(Guid courseId, Guid unitId, CancellationToken ct)
    {
        var (course, unit, fail) = await EditableUnitAsync(courseId, unitId, ct);
        if (fail is not null) return fail;
        unit!.Archive(clock.GetUtcNow().UtcDateTime);
        audit.Record("course.unit_archived", "course", courseId.ToString(), new { unit = unitId, unit.Title }, course!.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<CourseUnit>.Success(unit);
    }

    /// <summary>Replaces the unit's prerequisites (LRN-02): units of the same course, not itself, no cycle.</summary>
    public async Task<Outcome<CourseUnit>> SetPrerequisitesAsync(Guid courseId, Guid unitId, IReadOnlyCollection<Guid> requires, CancellationToken ct)
    {
        var (course, unit, fail) = await EditableUnitAsync(courseId, unitId, ct);
        if (fail is not null) return fail;
        var wanted = requires.Distinct().ToList();
        if (wanted.Contains(unitId)) return Outcome<CourseUnit>.Fail("Requires", "单元不能以自身作为前置任务。", CourseErrors.Cycle);
        var units = await db.Set<CourseUnit>().AsNoTracking().Where(u => u.CourseId == courseId).ToListAsync(ct);
        if (wanted.Any(w => units.FirstOrDefault(u => u.Id == w) is not { ArchivedAtUtc: null }))
            return Outcome<CourseUnit>.Fail("Requires", "前置任务须是本课程中未归档的单元。");
        var unitIds = units.Select(u => u.Id).ToList();
        var all = await db.Set<UnitPrerequisite>().Where(p => unitIds.Contains(p.UnitId)).ToListAsync(ct);
        var edges = all.Where(p => p.UnitId != unitId).Select(p => (p.UnitId, p.RequiresUnitId)).Concat(wanted.Select(w => (unitId, w))).ToList();
        if (PrerequisiteGraph.FindCycle(edges, unitId) is { } cycle)
        {
            var titles = cycle.Select(id => units.First(u => u.Id == id).Title);
            return Outcome<CourseUnit>.Fail("Requires", $"前置任务不能形成循环：{string.Join(" → ", titles)}。", CourseErrors.Cycle);
        }
        var current = all.Where(p => p.UnitId == unitId).ToList();
        var oldIds = current.Select(p => p.RequiresUnitId).ToList();
        if (oldIds.Order().SequenceEqual(wanted.Order())) return Outcome<CourseUnit>.Success(unit!);
        db.Set<UnitPrerequisite>().RemoveRange(current.Where(p => !wanted.Contains(p.RequiresUnitId)));
        db.Set<UnitPrerequisite>().AddRange(wanted.Where(w => !oldIds.Contains(w)).Select(w => UnitPrerequisite.Create(unitId, w)));
        audit.Record("course.unit_prerequisites_set", "course", courseId.ToString(), new { unit = unitId, old = oldIds, @new = wanted }, course!.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<CourseUnit>.Success(unit!);
    }

    // ---------- content ----------

    /// <summary>Attaches a PDF or JPG/PNG image to a document unit, checked by its content (UploadInspector).</summary>
    public async Task<Outcome<CourseUnit>> AttachDocumentAsync(Guid courseId, Guid unitId, IFormFile? file, CancellationToken ct)
    {
        var (course, unit, fail) = await EditableUnitAsync(courseId, unitId, ct);
        if (fail is not null) return fail;
        if (unit!.Kind != UnitKind.Document) return Outcome<CourseUnit>.Fail("File", "只有资料单元可以上传 PDF 或图片。", CourseErrors.WrongKind);
        var max = options.Value.MaxDocumentBytes;
        if (file is null || file.Length == 0) return Outcome<CourseUnit>.Fail("File", "请选择要上传的 PDF 或 JPG、PNG 图片。", CourseErrors.BadFile);
        if (file.Length > max) return Outcome<CourseUnit>.Fail("File", $"文件过大：不能超过 {ContentOptions.Size(max)}。", CourseErrors.BadFile);
        byte[] data;
        await using (var read = file.OpenReadStream())
        using (var buffer = new MemoryStream((int)file.Length))
        {
            await read.CopyToAsync(buffer, ct);
            data = buffer.ToArray();
        }
        var (inspected, error) = UploadInspector.Inspect(data, DocumentFormats, (int)(max / 1024));
        if (inspected is null) return Outcome<CourseUnit>.Fail("File", error!, CourseErrors.BadFile);
        var stored = await files.SaveAsync(new MemoryStream(inspected.Content), ct);
        var old = new { unit.FileKey, unit.FileSize, unit.ContentType };
        unit.AttachFile(stored.Key, stored.Sha256, stored.Length, inspected.ContentType, unit.DurationSeconds);
        audit.Record("course.unit_document_attached", "course", courseId.ToString(),
            new { unit = unitId, old, @new = new { stored.Key, stored.Sha256, stored.Length, inspected.ContentType, name = Cut(file.FileName, 100) } },
            course!.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<CourseUnit>.Success(unit);
    }

    /// <summary>Refuses a video upload before its body is read: unknown course or unit, wrong kind, live session not over.</summary>
    public async Task<string?> VideoUploadRefusalAsync(Guid courseId, Guid unitId, CancellationToken ct)
    {
        var (_, unit, fail) = await EditableUnitAsync(courseId, unitId, ct);
        if (fail is not null) return fail.Code;
        if (unit!.Kind is not (UnitKind.Video or UnitKind.Live)) return CourseErrors.WrongKind;
        if (unit.Kind == UnitKind.Live && (unit.LiveEndsAtUtc() is not { } end || clock.GetUtcNow().UtcDateTime < end)) return CourseErrors.LiveNotOver;
        return null;
    }

    /// <summary>
    /// Attaches an uploaded MP4 (a seekable temporary copy) to a video unit or, as the replay, to a live unit: checked
    /// by content (ftyp brand, moov/mvhd duration), then stored by its SHA-256. Nothing is stored when it is refused.
    /// </summary>
    public async Task<Outcome<CourseUnit>> AttachVideoAsync(Guid courseId, Guid unitId, Stream upload, string fileName, CancellationToken ct)
    {
        if (await VideoUploadRefusalAsync(courseId, unitId, ct) is { } refusal) return Outcome<CourseUnit>.Fail("File", UploadMessage(refusal), refusal);
        var (course, unit, _) = await EditableUnitAsync(courseId, unitId, ct);
        upload.Position = 0;
        var (info, error) = Mp4Inspector.Inspect(upload);
        if (info is null) return Outcome<CourseUnit>.Fail("File", Mp4Inspector.Message(error!), error!);
        upload.Position = 0;
        var stored = await files.SaveAsync(upload, ct);
        var old = new { unit!.FileKey, unit.FileSize, unit.DurationSeconds };
        unit.AttachFile(stored.Key, stored.Sha256, stored.Length, "video/mp4", Math.Round(info.DurationSeconds, 3));
        audit.Record(unit.Kind == UnitKind.Live ? "course.unit_replay_attached" : "course.unit_video_attached", "course", courseId.ToString(),
            new { unit = unitId, old, @new = new { stored.Key, stored.Sha256, stored.Length, unit.DurationSeconds, info.MajorBrand, name = Cut(fileName, 100) } },
            course!.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<CourseUnit>.Success(unit);
    }

    /// <summary>Chinese message for an upload refusal code (shown on the unit page after the redirect).</summary>
    public string UploadMessage(string code) => code switch
    {
        CourseErrors.NotFound => "课程或单元不存在，或不属于您所在的培训机构。",
        CourseErrors.Archived => "单元已归档，不能再修改。",
        CourseErrors.WrongKind => "只有视频单元和直播单元（回放）可以上传 MP4 视频。",
        CourseErrors.LiveNotOver => "直播结束后才能上传回放视频。",
        "video.too_large" => $"文件过大：视频不能超过 {ContentOptions.Size(options.Value.MaxVideoBytes)}。",
        "video.no_file" => "请选择要上传的 MP4 视频文件。",
        "video.form" => "上传表单无效，请刷新页面后重试。",
        _ when code.StartsWith("video.", StringComparison.Ordinal) => Mp4Inspector.Message(code),
        _ => "上传失败，请重试。",
    };

    // ---------- helpers ----------

    private async Task<Course?> FindCourseAsync(Guid courseId, bool tracked, CancellationToken ct)
    {
        var managed = ManagedInstitutionIds().ToList();
        if (managed.Count == 0) return null;
        var q = tracked ? db.Set<Course>() : db.Set<Course>().AsNoTracking();
        return await q.FirstOrDefaultAsync(c => c.Id == courseId && managed.Contains(c.TrainingInstitutionId), ct);
    }

    private async Task<(Course? Course, CourseUnit? Unit, Outcome<CourseUnit>? Fail)> EditableUnitAsync(Guid courseId, Guid unitId, CancellationToken ct)
    {
        var course = await FindCourseAsync(courseId, tracked: false, ct);
        var unit = course is null ? null : await db.Set<CourseUnit>().FirstOrDefaultAsync(u => u.Id == unitId && u.CourseId == courseId, ct);
        if (unit is null) return (null, null, NotFound<CourseUnit>());
        if (unit.ArchivedAtUtc is not null) return (course, unit, Outcome<CourseUnit>.Fail("", "单元已归档，不能再修改。", CourseErrors.Archived));
        return (course, unit, null);
    }

    private static Outcome<T> NotFound<T>() => Outcome<T>.Fail("", "课程不存在，或不属于您所在的培训机构。", CourseErrors.NotFound);

    /// <summary>Validates the kind's fields and returns how to apply them (called only when there are no errors).</summary>
    private Action<CourseUnit> ValidateUnit(UnitKind kind, UnitInput input, bool hasReplay, Dictionary<string, string> errors)
    {
        Text(errors, nameof(input.Title), "单元名称", input.Title, 100, required: true);
        Text(errors, nameof(input.KnowledgePoint), "知识与技能点", input.KnowledgePoint, 200, required: false);
        switch (kind)
        {
            case UnitKind.Document:
                if (input.ReadingMinutes is not (>= 1 and <= 600)) errors[nameof(input.ReadingMinutes)] = "请填写建议阅读时长（1～600 分钟）。";
                var reading = input.ReadingMinutes ?? 0;
                return u => u.SetReadingMinutes(reading);
            case UnitKind.Live:
                var start = ContentText.ParseBeijing(input.LiveStarts);
                if (start is null) errors[nameof(input.LiveStarts)] = "请填写直播开始时间（北京时间）。";
                else if (start.Value.Year is < 2020 or > 2100) errors[nameof(input.LiveStarts)] = "直播开始时间无效。";
                if (!hasReplay && input.LiveMinutes is not (>= 5 and <= 600)) errors[nameof(input.LiveMinutes)] = "请填写计划直播时长（5～600 分钟）。";
                var url = (input.LiveUrl ?? "").Trim();
                if (LiveUrlError(url) is { } urlError) errors[nameof(input.LiveUrl)] = urlError;
                var minutes = input.LiveMinutes ?? 0;
                return u => u.ScheduleLive(start!.Value, minutes, url);
            case UnitKind.SelfTest:
                if (input.QuestionCount is not (>= 1 and <= 200)) errors[nameof(input.QuestionCount)] = "请填写自测题量（1～200 题）。";
                if (input.PassPercent is not (>= 1 and <= 100)) errors[nameof(input.PassPercent)] = "请填写及格线（1～100%）。";
                if (input.TimeLimitMinutes is not (>= 1 and <= 300)) errors[nameof(input.TimeLimitMinutes)] = "请填写限时（1～300 分钟）。";
                var (count, pass, limit) = (input.QuestionCount ?? 0, input.PassPercent ?? 0, input.TimeLimitMinutes ?? 0);
                return u => u.SetSelfTest(count, pass, limit);
            default:
                return _ => { };
        }
    }

    /// <summary>A join link or HLS URL: absolute https, a host, no credentials, no spaces or markup.</summary>
    public static string? LiveUrlError(string url)
    {
        if (url.Length == 0) return "请填写直播进入链接或 HLS 播放地址。";
        if (url.Length > 500) return "直播链接不能超过 500 个字符。";
        if (url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or '\'' or '`'))
            return "直播链接不能包含空格、引号或尖括号。";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(uri.Host))
            return "直播链接须以 https:// 开头的完整网址。";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "直播链接不能包含用户名或密码。";
        return null;
    }

    private static object Snapshot(CourseUnit u) => new
    {
        u.SectionId, u.Order, u.Title, u.KnowledgePoint, u.Required, u.DurationSeconds, u.LiveStartsAtUtc, u.LiveJoinUrl,
        u.SelfTestQuestionCount, u.SelfTestPassPercent,
    };

    private static Dictionary<string, string> SectionErrors(SectionInput input)
    {
        var errors = new Dictionary<string, string>();
        Text(errors, nameof(input.Title), "章节名称", input.Title, 100, required: true);
        Text(errors, nameof(input.KnowledgePoints), "知识与技能点", input.KnowledgePoints, 1000, required: false);
        return errors;
    }

    private static void Text(Dictionary<string, string> errors, string field, string label, string? value, int max, bool required, bool multiline = false)
    {
        var s = (value ?? "").Trim();
        if (required && s.Length == 0) { errors[field] = $"请填写{label}。"; return; }
        var checkedText = multiline ? s.Replace("\r\n", " ").Replace('\n', ' ') : s;
        if (TextRules.TextError(label, checkedText, max) is { } e) errors[field] = e;
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>Cycle detection for unit prerequisites (LRN-02).</summary>
public static class PrerequisiteGraph
{
    /// <summary>
    /// A cycle through <paramref name="start"/> in the graph of (unit → requires) edges, as the path start → … → start,
    /// or null. Iterative depth-first search: bounded by the number of edges, whatever their shape.
    /// </summary>
    public static IReadOnlyList<Guid>? FindCycle(IEnumerable<(Guid Unit, Guid Requires)> edges, Guid start)
    {
        var next = edges.GroupBy(e => e.Unit).ToDictionary(g => g.Key, g => g.Select(e => e.Requires).Distinct().ToList());
        var parent = new Dictionary<Guid, Guid>();
        var seen = new HashSet<Guid> { start };
        var stack = new Stack<Guid>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (to == start)
                {
                    var path = new List<Guid> { start };
                    for (var n = node; n != start; n = parent[n]) path.Insert(1, n);
                    path.Add(start);
                    return path;
                }
                if (!seen.Add(to)) continue;
                parent[to] = node;
                stack.Push(to);
            }
        }
        return null;
    }
}
