using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Learning.Records;

/// <summary>Settings of learning records (section <c>Modules:Learning:Records</c>).</summary>
public sealed class RecordsOptions
{
    public const string Section = "Modules:Learning:Records";
    /// <summary>Rows one export may hold; larger selections are refused with a message to narrow the filters.</summary>
    public int ExportMaxRows { get; set; } = 200_000;
    /// <summary>Rows per page in the staff preview and the per-learner statistics.</summary>
    public int PageSize { get; set; } = 50;
}

/// <summary>A course the staff member may see, with its project and institution names and its content length (annex 2 课程时长).</summary>
public sealed record ScopedCourse(Course Course, string ProjectName, string InstitutionName, int Minutes)
{
    public Guid Id => Course.Id;
    public Guid ProjectId => Course.ProjectId;
    public Guid InstitutionId => Course.TrainingInstitutionId;
}

public sealed record StaffScope(bool AllInstitutions, IReadOnlyList<ScopedCourse> Courses)
{
    public IReadOnlyList<(Guid Id, string Name)> Institutions =>
        [.. Courses.GroupBy(c => c.InstitutionId).Select(g => (g.Key, g.First().InstitutionName)).OrderBy(i => i.Item2, StringComparer.Ordinal)];
}

/// <summary>The staff filters of records, exports and statistics (dates are Beijing calendar days, both inclusive).</summary>
public sealed record RecordFilter(DateOnly? From, DateOnly? To, Guid? ProjectId, Guid? InstitutionId, string Learner)
{
    public const int MaxLearnerText = 50;

    /// <summary>Parses the raw query values; errors are plain Chinese and the filter is null then.</summary>
    public static (RecordFilter? Filter, IReadOnlyDictionary<string, string> Errors) Parse(string? from, string? to, Guid? projectId, Guid? institutionId,
        string? learner)
    {
        var errors = new Dictionary<string, string>();
        var f = ParseDate(from, "From", "开始日期", errors);
        var t = ParseDate(to, "To", "结束日期", errors);
        if (f is { } a && t is { } b && b < a) errors["To"] = "结束日期不能早于开始日期。";
        var text = (learner ?? "").Trim();
        if (text.Length > MaxLearnerText) errors["Learner"] = $"学员姓名或账号不能超过 {MaxLearnerText} 个字符。";
        return errors.Count > 0 ? (null, errors) : (new RecordFilter(f, t, projectId, institutionId, text), errors);
    }

    private static DateOnly? ParseDate(string? raw, string key, string name, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        if (DateOnly.TryParseExact(raw.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100)
            return d;
        errors[key] = $"{name}格式应为 年-月-日，如 2026-11-25。";
        return null;
    }

    /// <summary>The filters for the audit record.</summary>
    public object Describe() => new
    {
        from = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        project = ProjectId, institution = InstitutionId, learner = Learner,
    };

    public IEnumerable<ScopedCourse> Apply(StaffScope scope) => scope.Courses
        .Where(c => (ProjectId is null || c.ProjectId == ProjectId) && (InstitutionId is null || c.InstitutionId == InstitutionId));
}

/// <summary>
/// Which courses a staff member may see (ADR 0006): a regulator (<see cref="Permissions.Supervision.ViewAllInstitutions"/>)
/// all of them, institution staff those of their institutions only.
/// </summary>
public sealed class RecordScopes(AppDbContext db, IAccountsApi accounts, IEnrollmentApi enrollment, CurrentUser me)
{
    public async Task<StaffScope> LoadAsync(CancellationToken ct)
    {
        var all = me.Has(Permissions.Supervision.ViewAllInstitutions);
        var tenants = me.TenantIds.ToList();
        var courses = await db.Set<Course>().AsNoTracking().Where(c => all || tenants.Contains(c.TrainingInstitutionId)).ToListAsync(ct);
        var ids = courses.Select(c => c.Id).ToList();
        var seconds = await db.Set<CourseUnit>().AsNoTracking().Where(u => ids.Contains(u.CourseId) && u.Required && u.ArchivedAtUtc == null)
            .GroupBy(u => u.CourseId).Select(g => new { g.Key, Seconds = g.Sum(u => u.DurationSeconds) }).ToDictionaryAsync(x => x.Key, x => x.Seconds, ct);
        var institutions = (await accounts.ListInstitutionsAsync(ct)).ToDictionary(i => i.Id, i => i.Name);
        var list = new List<ScopedCourse>();
        foreach (var c in courses)
        {
            var project = await enrollment.GetProjectAsync(c.ProjectId, ct);
            list.Add(new ScopedCourse(c, project?.Name ?? c.Title, institutions.GetValueOrDefault(c.TrainingInstitutionId, ""),
                RecordFormats.CourseMinutes(seconds.GetValueOrDefault(c.Id))));
        }
        return new StaffScope(all, [.. list.OrderBy(c => c.InstitutionName, StringComparer.Ordinal).ThenBy(c => c.ProjectName, StringComparer.Ordinal)]);
    }
}
