using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Learning.Content;

/// <summary>Where a unit stands for one learner (LRN-02).</summary>
public enum UnitState
{
    /// <summary>A <see cref="UnitCompletion"/> row exists.</summary>
    Done = 1,
    /// <summary>Open to the learner now.</summary>
    ToDo = 2,
    /// <summary>Not open yet; the outline says why.</summary>
    Locked = 3,
}

/// <summary>
/// The learner's access to the course: the latest activation for the project (none: <see cref="ActivationId"/> null),
/// whether it is open for learning, and whether replay (回看, LRN-10) is still allowed.
/// </summary>
public sealed record LearnerAccess(Guid? ActivationId, bool Open, bool ReplayOpen, DateTime? LearningValidUntilUtc, DateTime? ReplayValidUntilUtc)
{
    public static LearnerAccess None { get; } = new(null, false, false, null, null);

    public static LearnerAccess Of(CourseActivation? a, DateTime nowUtc) => a is null
        ? None
        : new(a.Id, a.IsOpen(nowUtc), a.ClosedAtUtc is null && nowUtc < (a.ReplayValidUntilUtc > a.LearningValidUntilUtc ? a.ReplayValidUntilUtc : a.LearningValidUntilUtc),
            a.LearningValidUntilUtc, a.ReplayValidUntilUtc);
}

/// <summary>One unit in the learner's outline: its number ("2.1"), state and, when locked, why (in Chinese).</summary>
public sealed record OutlineUnit(CourseUnit Unit, string Number, UnitState State, string LockReason, DateTime? CompletedAtUtc)
{
    public bool Locked => State == UnitState.Locked;
}

/// <summary>One section (模块) with its units in order; <see cref="Number"/> counts from 1.</summary>
public sealed record OutlineSection(CourseSection Section, int Number, IReadOnlyList<OutlineUnit> Units);

/// <summary>
/// The course as one learner sees it (LRN-01, LRN-02): sections and units in order (archived units left out), each unit
/// done / to do / locked with the reason, the counts for the progress bar, and the duration derived from content.
/// </summary>
public sealed record CourseOutline(Course Course, Guid ProjectId, IReadOnlyList<OutlineSection> Sections, int TotalUnits, int CompletedUnits,
    int RequiredUnits, int CompletedRequiredUnits, int DurationMinutes, LearnerAccess Access)
{
    public IEnumerable<OutlineUnit> Units => Sections.SelectMany(s => s.Units);

    public OutlineUnit? Find(Guid unitId) => Units.FirstOrDefault(u => u.Unit.Id == unitId);

    /// <summary>Required units done, in percent (0 when the course has no required unit).</summary>
    public int ProgressPercent => RequiredUnits == 0 ? 0 : (int)Math.Floor(100.0 * CompletedRequiredUnits / RequiredUnits);
}

/// <summary>
/// One unit for one learner, as the player, document, live and self-test pages need it: the unit, its course and
/// project, its number, state and lock reason, and the learner's access (<see cref="ActivationOpen"/> for learning,
/// <see cref="ReplayOpen"/> for 回看 within the replay validity).
/// </summary>
public sealed record LearnerUnit(CourseUnit Unit, Course Course, Guid ProjectId, string Number, UnitState State, string LockReason,
    Guid? ActivationId, bool ActivationOpen, bool ReplayOpen)
{
    public bool Locked => State == UnitState.Locked;
}

/// <summary>
/// Reads courses for learners (LRN-01, LRN-02): the outline with done / to do / locked and why, one unit with its lock
/// state, and the course of a project. Read-only (no tracking); other parts of Learning call it.
/// </summary>
internal sealed class CourseCatalog(AppDbContext db, TimeProvider clock)
{
    public Task<Course?> GetCourseByProjectAsync(Guid projectId, CancellationToken ct)
        => db.Set<Course>().AsNoTracking().FirstOrDefaultAsync(c => c.ProjectId == projectId, ct);

    /// <summary>The learner's outline of the project's course; null when the project has no course or the learner no activation.</summary>
    public async Task<CourseOutline?> GetOutlineAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var course = await GetCourseByProjectAsync(projectId, ct);
        if (course is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var activation = await LatestActivationAsync(learnerId, projectId, ct);
        if (activation is null) return null;
        return await BuildAsync(course, learnerId, LearnerAccess.Of(activation, now), now, ct);
    }

    /// <summary>
    /// One unit for the learner; null when the unit does not exist or is archived. Without an activation the unit is
    /// locked ("尚未开通本课程") and both access flags are false.
    /// </summary>
    public async Task<LearnerUnit?> GetUnitForLearnerAsync(Guid learnerId, Guid unitId, CancellationToken ct)
    {
        var unit = await db.Set<CourseUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId && u.ArchivedAtUtc == null, ct);
        if (unit is null) return null;
        var course = await db.Set<Course>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == unit.CourseId, ct);
        if (course is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var access = LearnerAccess.Of(await LatestActivationAsync(learnerId, course.ProjectId, ct), now);
        var outline = await BuildAsync(course, learnerId, access, now, ct);
        var item = outline.Find(unitId);
        if (item is null) return null;   // its section is gone
        return new LearnerUnit(item.Unit, course, course.ProjectId, item.Number, item.State, item.LockReason, access.ActivationId, access.Open, access.ReplayOpen);
    }

    private Task<CourseActivation?> LatestActivationAsync(Guid learnerId, Guid projectId, CancellationToken ct)
        => db.Set<CourseActivation>().AsNoTracking().Where(a => a.LearnerId == learnerId && a.ProjectId == projectId)
            .OrderByDescending(a => a.ActivatedAtUtc).FirstOrDefaultAsync(ct);

    private async Task<CourseOutline> BuildAsync(Course course, Guid learnerId, LearnerAccess access, DateTime nowUtc, CancellationToken ct)
    {
        var sections = await db.Set<CourseSection>().AsNoTracking().Where(s => s.CourseId == course.Id).ToListAsync(ct);
        var units = await db.Set<CourseUnit>().AsNoTracking().Where(u => u.CourseId == course.Id && u.ArchivedAtUtc == null).ToListAsync(ct);
        var unitIds = units.Select(u => u.Id).ToList();
        var prerequisites = await db.Set<UnitPrerequisite>().AsNoTracking().Where(p => unitIds.Contains(p.UnitId)).ToListAsync(ct);
        var done = await db.Set<UnitCompletion>().AsNoTracking().Where(c => c.LearnerId == learnerId && c.CourseId == course.Id)
            .Select(c => new { c.UnitId, c.CompletedAtUtc }).ToListAsync(ct);
        return CourseOutlines.Build(course, sections, units, prerequisites, done.ToDictionary(d => d.UnitId, d => d.CompletedAtUtc), access, nowUtc);
    }
}

/// <summary>The pure rules behind <see cref="CourseOutline"/>: order, numbering, lock reasons, counts and duration.</summary>
public static class CourseOutlines
{
    public const string NoActivation = "尚未开通本课程";
    public const string AccessClosed = "课程访问已关闭";
    public const string NoContent = "课程内容尚未上传";
    public const string NoReplay = "直播已结束，回放尚未上传";

    /// <summary>Course duration in minutes, derived from content: the sum of the required, unarchived units' lengths (LRN-01).</summary>
    public static int DurationMinutes(IEnumerable<CourseUnit> units)
        => ContentText.Minutes(units.Where(u => u.Required && u.ArchivedAtUtc is null).Sum(u => u.DurationSeconds));

    /// <summary>Sections and their unarchived units in order with their numbers ("2.1"), for teachers and learners alike.</summary>
    public static IReadOnlyList<(CourseSection Section, int Number, IReadOnlyList<(CourseUnit Unit, string Number)> Units)> Order(
        IEnumerable<CourseSection> sections, IEnumerable<CourseUnit> units)
    {
        var bySection = units.Where(u => u.ArchivedAtUtc is null).GroupBy(u => u.SectionId).ToDictionary(g => g.Key, g => g.ToList());
        return sections.OrderBy(s => s.Order).ThenBy(s => s.Title, StringComparer.Ordinal).Select((s, i) =>
        {
            var list = bySection.GetValueOrDefault(s.Id) ?? [];
            IReadOnlyList<(CourseUnit, string)> numbered = list.OrderBy(u => u.Order).ThenBy(u => u.CreatedAtUtc)
                .Select((u, j) => (u, $"{i + 1}.{j + 1}")).ToList();
            return (s, i + 1, numbered);
        }).ToList();
    }

    public static CourseOutline Build(Course course, IEnumerable<CourseSection> sections, IEnumerable<CourseUnit> units,
        IEnumerable<UnitPrerequisite> prerequisites, IReadOnlyDictionary<Guid, DateTime> completedAt, LearnerAccess access, DateTime nowUtc)
    {
        var ordered = Order(sections.Where(s => s.CourseId == course.Id), units.Where(u => u.CourseId == course.Id));
        var numbers = ordered.SelectMany(s => s.Units).ToDictionary(u => u.Unit.Id, u => (u.Number, u.Unit.Title));
        var requires = prerequisites.Where(p => numbers.ContainsKey(p.UnitId) && numbers.ContainsKey(p.RequiresUnitId))
            .GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.Select(p => p.RequiresUnitId).ToList());

        var result = ordered.Select(s => new OutlineSection(s.Section, s.Number, s.Units.Select(x =>
        {
            var (state, reason) = StateOf(x.Unit, completedAt, requires.GetValueOrDefault(x.Unit.Id) ?? [], numbers, access, nowUtc);
            return new OutlineUnit(x.Unit, x.Number, state, reason, completedAt.TryGetValue(x.Unit.Id, out var at) ? at : null);
        }).ToList())).ToList();

        var all = result.SelectMany(s => s.Units).ToList();
        var required = all.Where(u => u.Unit.Required).ToList();
        return new CourseOutline(course, course.ProjectId, result, all.Count, all.Count(u => u.State == UnitState.Done), required.Count,
            required.Count(u => u.State == UnitState.Done), DurationMinutes(all.Select(u => u.Unit)), access);
    }

    private static (UnitState, string) StateOf(CourseUnit unit, IReadOnlyDictionary<Guid, DateTime> completedAt, List<Guid> requires,
        IReadOnlyDictionary<Guid, (string Number, string Title)> numbers, LearnerAccess access, DateTime nowUtc)
    {
        if (completedAt.ContainsKey(unit.Id)) return (UnitState.Done, "");
        if (!access.Open) return (UnitState.Locked, access.ActivationId is null ? NoActivation : AccessClosed);
        var missing = requires.Where(r => !completedAt.ContainsKey(r)).Select(r => numbers[r]).OrderBy(n => n.Number, NumberComparer.Instance).ToList();
        if (missing.Count > 0) return (UnitState.Locked, "需先完成：" + string.Join("、", missing.Select(m => $"{m.Number} {m.Title}")));
        switch (unit.Kind)
        {
            case UnitKind.Video or UnitKind.Document when !unit.HasFile():
                return (UnitState.Locked, NoContent);
            case UnitKind.Live when unit.LiveStartsAtUtc is null:
                return (UnitState.Locked, "直播时间待定");
            case UnitKind.Live when nowUtc < unit.LiveStartsAtUtc!.Value - CourseUnit.LiveJoinLead:
                return (UnitState.Locked, $"直播尚未开始（{ContentText.BeijingShort(unit.LiveStartsAtUtc!.Value)}）");
            case UnitKind.Live when nowUtc > unit.LiveEndsAtUtc()!.Value && !unit.IsPlayable:
                return (UnitState.Locked, NoReplay);
            default:
                return (UnitState.ToDo, "");
        }
    }

    /// <summary>Orders "1.2" before "1.10".</summary>
    private sealed class NumberComparer : IComparer<string>
    {
        public static readonly NumberComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = (x ?? "").Split('.');
            var b = (y ?? "").Split('.');
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                var c = int.Parse(a[i], System.Globalization.CultureInfo.InvariantCulture).CompareTo(int.Parse(b[i], System.Globalization.CultureInfo.InvariantCulture));
                if (c != 0) return c;
            }
            return a.Length.CompareTo(b.Length);
        }
    }
}
