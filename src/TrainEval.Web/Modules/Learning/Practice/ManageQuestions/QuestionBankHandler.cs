using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Learning.Practice.ManageQuestions;

/// <summary>A question as entered in the form; the answer is typed as in the spreadsheet (B, ACD, 对, 错).</summary>
public sealed class QuestionInput
{
    public string KnowledgePoint { get; set; } = "";
    public QuestionKind? Kind { get; set; }
    public string Stem { get; set; } = "";
    public string OptionA { get; set; } = "";
    public string OptionB { get; set; } = "";
    public string OptionC { get; set; } = "";
    public string OptionD { get; set; } = "";
    public string OptionE { get; set; } = "";
    public string OptionF { get; set; } = "";
    public string Answer { get; set; } = "";
    public string Explanation { get; set; } = "";

    public QuestionDraft ToDraft() => new(KnowledgePoint, Kind, Stem, [OptionA, OptionB, OptionC, OptionD, OptionE, OptionF], Answer, Explanation);

    public static QuestionInput From(PracticeQuestion q)
    {
        var o = q.Options();
        string At(int i) => i < o.Count ? o[i] : "";
        return new()
        {
            KnowledgePoint = q.KnowledgePoint, Kind = q.Kind, Stem = q.Stem, OptionA = At(0), OptionB = At(1), OptionC = At(2), OptionD = At(3),
            OptionE = At(4), OptionF = At(5), Answer = QuestionRules.Display(q.Kind, q.AnswerKey).Replace("、", ""), Explanation = q.Explanation,
        };
    }
}

/// <summary>What the shared question form partial needs.</summary>
public sealed record QuestionFields(QuestionInput Input, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<string> KnownPoints);

public sealed record BankFilter(string? KnowledgePoint, QuestionKind? Kind, bool Archived);

public sealed record KnowledgePointCount(string KnowledgePoint, int Single, int Multiple, int TrueFalse)
{
    public int Total => Single + Multiple + TrueFalse;
}

public sealed record BankView(Course Course, IReadOnlyList<KnowledgePointCount> Counts, IReadOnlyList<PracticeQuestion> Questions, int Active, int ArchivedCount,
    BankFilter Filter, bool Truncated);

public sealed record CourseBankRow(Guid CourseId, string Title, int Questions, int KnowledgePoints);

/// <summary>
/// The practice question bank of a course (PRC-01), for teachers and admins of the course's training institution:
/// list with filters and counts per knowledge point, add a question, "edit" (archive the old question and add the new
/// one, so earlier answers keep pointing at what the learner saw), archive, and the all-or-nothing Excel import.
/// Practice questions are separate from exam banks (Modules/Exams), which this handler never touches.
/// </summary>
public sealed class QuestionBankHandler(AppDbContext db, AuditLog audit, CurrentUser me, TimeProvider clock)
{
    public const int ListLimit = 500;

    /// <summary>Institutions in which the user holds a role that may manage courses.</summary>
    public IReadOnlyList<Guid> ManagedInstitutionIds()
    {
        if (!me.Has(Permissions.Learning.ManageCourses)) return [];
        var roles = RolePermissions.RolesWithMapping.Where(r => RolePermissions.For(r).Contains(Permissions.Learning.ManageCourses)).ToList();
        return me.TenantIds.Where(t => roles.Any(r => me.HasRoleIn(r, t))).Distinct().ToList();
    }

    /// <summary>The course when it belongs to one of the user's institutions; otherwise null (shown as not found).</summary>
    public async Task<Course?> CourseAsync(Guid courseId, CancellationToken ct)
    {
        var tenants = ManagedInstitutionIds().ToList();
        return await db.Set<Course>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == courseId && tenants.Contains(c.TrainingInstitutionId), ct);
    }

    public async Task<IReadOnlyList<CourseBankRow>> ListCoursesAsync(CancellationToken ct)
    {
        var tenants = ManagedInstitutionIds().ToList();
        var courses = await db.Set<Course>().AsNoTracking().Where(c => tenants.Contains(c.TrainingInstitutionId)).OrderBy(c => c.Title)
            .Select(c => new { c.Id, c.Title }).ToListAsync(ct);
        var ids = courses.Select(c => c.Id).ToList();
        var counts = await db.Set<PracticeQuestion>().AsNoTracking().Where(q => ids.Contains(q.CourseId) && q.ArchivedAtUtc == null)
            .GroupBy(q => q.CourseId).Select(g => new { g.Key, Questions = g.Count(), Points = g.Select(q => q.KnowledgePoint).Distinct().Count() })
            .ToDictionaryAsync(g => g.Key, ct);
        return courses.Select(c => new CourseBankRow(c.Id, c.Title, counts.GetValueOrDefault(c.Id)?.Questions ?? 0, counts.GetValueOrDefault(c.Id)?.Points ?? 0))
            .ToList();
    }

    public async Task<BankView?> BankAsync(Guid courseId, BankFilter filter, CancellationToken ct)
    {
        var course = await CourseAsync(courseId, ct);
        if (course is null) return null;
        var all = db.Set<PracticeQuestion>().AsNoTracking().Where(q => q.CourseId == courseId);
        var counts = (await all.Where(q => q.ArchivedAtUtc == null).GroupBy(q => new { q.KnowledgePoint, q.Kind })
                .Select(g => new { g.Key.KnowledgePoint, g.Key.Kind, Count = g.Count() }).ToListAsync(ct))
            .GroupBy(x => x.KnowledgePoint).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new KnowledgePointCount(g.Key, g.Where(x => x.Kind == QuestionKind.Single).Sum(x => x.Count),
                g.Where(x => x.Kind == QuestionKind.Multiple).Sum(x => x.Count), g.Where(x => x.Kind == QuestionKind.TrueFalse).Sum(x => x.Count)))
            .ToList();
        var archived = await all.CountAsync(q => q.ArchivedAtUtc != null, ct);
        var q = filter.Archived ? all.Where(x => x.ArchivedAtUtc != null) : all.Where(x => x.ArchivedAtUtc == null);
        if (!string.IsNullOrWhiteSpace(filter.KnowledgePoint)) q = q.Where(x => x.KnowledgePoint == filter.KnowledgePoint.Trim());
        if (filter.Kind is { } kind) q = q.Where(x => x.Kind == kind);
        var list = await q.OrderBy(x => x.KnowledgePoint).ThenBy(x => x.CreatedAtUtc).Take(ListLimit + 1).ToListAsync(ct);
        return new BankView(course, counts, list.Take(ListLimit).ToList(), counts.Sum(c => c.Total), archived, filter, list.Count > ListLimit);
    }

    public async Task<PracticeQuestion?> QuestionAsync(Guid courseId, Guid questionId, CancellationToken ct)
        => await CourseAsync(courseId, ct) is null ? null
            : await db.Set<PracticeQuestion>().AsNoTracking().FirstOrDefaultAsync(q => q.Id == questionId && q.CourseId == courseId, ct);

    private static Outcome<T> NotFound<T>() => Outcome<T>.Fail("", "未找到该课程或题目。", PracticeErrors.NotFound);

    private Task<bool> DuplicateAsync(Guid courseId, ValidQuestion v, Guid? except, CancellationToken ct)
        => db.Set<PracticeQuestion>().AnyAsync(q => q.CourseId == courseId && q.ArchivedAtUtc == null && q.KnowledgePoint == v.KnowledgePoint
                                                     && q.Stem == v.Stem && q.Id != except, ct);

    private static object Detail(PracticeQuestion q)
        => new { q.KnowledgePoint, kind = q.Kind.ToString(), stem = q.Stem, options = q.OptionsJson, answer = q.AnswerKey, explanation = q.Explanation };

    public async Task<Outcome<PracticeQuestion>> AddAsync(Guid courseId, QuestionInput input, CancellationToken ct)
    {
        var course = await CourseAsync(courseId, ct);
        if (course is null) return NotFound<PracticeQuestion>();
        var (valid, errors) = QuestionRules.Validate(input.ToDraft());
        if (valid is null) return Outcome<PracticeQuestion>.Fail(errors);
        if (await DuplicateAsync(courseId, valid, null, ct))
            return Outcome<PracticeQuestion>.Fail("Stem", "该知识点下已有相同题干的题目。", PracticeErrors.Duplicate);
        var now = clock.GetUtcNow().UtcDateTime;
        var question = Create(course, valid, now);
        audit.Record("practice.question.added", "practice-question", question.Id.ToString(), new { course = courseId, question = Detail(question) },
            course.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<PracticeQuestion>.Success(question);
    }

    private PracticeQuestion Create(Course course, ValidQuestion v, DateTime now)
    {
        var question = PracticeQuestion.Create(course.Id, v.KnowledgePoint, v.Kind, v.Stem, v.OptionsJson, v.AnswerKey, v.Explanation, me.RequiredUserId, now);
        db.Set<PracticeQuestion>().Add(question);
        return question;
    }

    /// <summary>"Edit": the old question is archived and a new one added, in one transaction; answers keep pointing at the old one.</summary>
    public async Task<Outcome<PracticeQuestion>> ReplaceAsync(Guid courseId, Guid questionId, QuestionInput input, CancellationToken ct)
    {
        var course = await CourseAsync(courseId, ct);
        if (course is null) return NotFound<PracticeQuestion>();
        var old = await db.Set<PracticeQuestion>().FirstOrDefaultAsync(q => q.Id == questionId && q.CourseId == courseId, ct);
        if (old is null) return NotFound<PracticeQuestion>();
        if (old.ArchivedAtUtc is not null) return Outcome<PracticeQuestion>.Fail("", "该题目已停用，不能再修改。", PracticeErrors.Archived);
        var (valid, errors) = QuestionRules.Validate(input.ToDraft());
        if (valid is null) return Outcome<PracticeQuestion>.Fail(errors);
        if (valid.KnowledgePoint == old.KnowledgePoint && valid.Kind == old.Kind && valid.Stem == old.Stem && valid.OptionsJson == old.OptionsJson
            && valid.AnswerKey == old.AnswerKey && valid.Explanation == old.Explanation)
            return Outcome<PracticeQuestion>.Fail("", "内容没有变化，无需保存。");
        if (await DuplicateAsync(courseId, valid, old.Id, ct))
            return Outcome<PracticeQuestion>.Fail("Stem", "该知识点下已有相同题干的题目。", PracticeErrors.Duplicate);
        var now = clock.GetUtcNow().UtcDateTime;
        old.Archive(now);
        var replacement = Create(course, valid, now);
        audit.Record("practice.question.replaced", "practice-question", old.Id.ToString(),
            new { course = courseId, replacement = replacement.Id, before = Detail(old), after = Detail(replacement) }, course.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<PracticeQuestion>.Success(replacement);
    }

    public async Task<Outcome<PracticeQuestion>> ArchiveAsync(Guid courseId, Guid questionId, CancellationToken ct)
    {
        var course = await CourseAsync(courseId, ct);
        if (course is null) return NotFound<PracticeQuestion>();
        var question = await db.Set<PracticeQuestion>().FirstOrDefaultAsync(q => q.Id == questionId && q.CourseId == courseId, ct);
        if (question is null) return NotFound<PracticeQuestion>();
        if (question.ArchivedAtUtc is not null) return Outcome<PracticeQuestion>.Success(question);
        question.Archive(clock.GetUtcNow().UtcDateTime);
        audit.Record("practice.question.archived", "practice-question", question.Id.ToString(), new { course = courseId, question.KnowledgePoint, stem = question.Stem },
            course.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<PracticeQuestion>.Success(question);
    }

    /// <summary>Imports every row of the workbook, or nothing when any row is invalid (errors name the rows).</summary>
    public async Task<Outcome<int>> ImportAsync(Guid courseId, byte[] file, string fileName, CancellationToken ct)
    {
        var course = await CourseAsync(courseId, ct);
        if (course is null) return NotFound<int>();
        if (QuestionImport.CheckFile(file) is { } fileError) return Outcome<int>.Fail("File", fileError, PracticeErrors.ImportRejected);
        var reading = QuestionImport.Read(file);
        var errors = reading.Errors.ToList();
        if (errors.Count == 0)
        {
            var existing = (await db.Set<PracticeQuestion>().AsNoTracking().Where(q => q.CourseId == courseId && q.ArchivedAtUtc == null)
                .Select(q => new { q.KnowledgePoint, q.Stem }).ToListAsync(ct)).Select(q => (q.KnowledgePoint, q.Stem)).ToHashSet();
            errors.AddRange(reading.Questions.Where(r => existing.Contains((r.Question.KnowledgePoint, r.Question.Stem)))
                .Select(r => $"第 {r.Row} 行：题库中该知识点下已有相同题干的题目。"));
        }
        if (errors.Count > 0)
            return Outcome<int>.Fail(QuestionImport.Cap(errors).Select((e, i) => (e, i)).ToDictionary(x => $"row{x.i}", x => x.e), PracticeErrors.ImportRejected);

        var now = clock.GetUtcNow().UtcDateTime;
        var created = reading.Questions.Select(r => Create(course, r.Question, now)).ToList();
        audit.Record("practice.questions.imported", "course", courseId.ToString(),
            new { file = fileName.Length > 100 ? fileName[..100] : fileName, count = created.Count, size = file.Length,
                  sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(file)),
                  perKnowledgePoint = created.GroupBy(q => q.KnowledgePoint).ToDictionary(g => g.Key, g => g.Count()) },
            course.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<int>.Success(created.Count);
    }
}
